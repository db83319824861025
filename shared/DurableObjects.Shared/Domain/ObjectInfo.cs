namespace DurableObjects.Shared.Domain;

/// <summary>What the system knows about one durable object (not its code: see <see cref="VersionInfo"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record ObjectInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] ObjectStatus Status,
    [property: Id(3)] int CurrentVersion,
    [property: Id(4)] int LatestVersion,
    [property: Id(5)] string Owner,
    [property: Id(6)] string? ApiSchema,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt)
{
    /// <summary>Environment name to the version serving there.</summary>
    [Id(9)] public IReadOnlyDictionary<string, DeploymentInfo> Deployments { get; init; } = new Dictionary<string, DeploymentInfo>();

    /// <summary>Why the last deploy failed (the previously serving version, if any, keeps serving); null after a success.</summary>
    [Id(10)] public string? LastError { get; init; }

    /// <summary>Whether anyone, without a token, may invoke the object's methods (a "self-extending API").</summary>
    [Id(11)] public bool PublicInvoke { get; init; }
}
