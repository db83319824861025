namespace DurableObjects.Shared.Domain;

/// <summary>What the system knows about one durable object (not its code: see <see cref="VersionInfo"/>).</summary>
public sealed record ObjectInfo(
    string Name,
    string Description,
    ObjectStatus Status,
    int CurrentVersion,
    int LatestVersion,
    string Owner,
    string? ApiSchema,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Environment name to the version serving there.</summary>
    public IReadOnlyDictionary<string, DeploymentInfo> Deployments { get; init; } = new Dictionary<string, DeploymentInfo>();

    /// <summary>Why the last deploy failed (the previously serving version, if any, keeps serving); null after a success.</summary>
    public string? LastError { get; init; }

    /// <summary>Whether anyone, without a token, may invoke the object's methods (a "self-extending API").</summary>
    public bool PublicInvoke { get; init; }

    /// <summary>Which write created it (a keyed request's <see cref="RequestOperation.Id"/>, or an id of its own): a
    /// create whose insert storage applied but whose answer was lost finds its own row by it.</summary>
    public string? WriteId { get; init; }

    /// <summary>Which rollback made the current version current last (a keyed request's <see cref="RequestOperation.Id"/>,
    /// or an id of its own), written in the rollback's own row write: a rollback whose write storage applied but whose
    /// answer was lost (the storage client's resend meets the ETag that write moved: 412), or a retry of its request,
    /// finds its own write by it.</summary>
    public string? RollbackWriteId { get; init; }

    /// <summary>The version that rollback was made from, written with <see cref="RollbackWriteId"/>.</summary>
    public int? RolledBackFrom { get; init; }

    /// <summary>The environments that rollback switched to the version it made current (comma-separated; null when it
    /// switched none), written with <see cref="RollbackWriteId"/>: a retry of the rollback's request records their deploy
    /// event should its first attempt have ended before that.</summary>
    public string? RollbackEnvironments { get; init; }
}
