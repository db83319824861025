namespace DurableObjects.Orchestrations.Runs;

/// <summary>A run as its readers see it: the request's essentials, where it is, and every journaled step.</summary>
[GenerateSerializer, Immutable]
public sealed record RunView
{
    [Id(0)] public required string RunId { get; init; }
    [Id(1)] public required RunKind Kind { get; init; }
    [Id(2)] public required string ObjectName { get; init; }
    [Id(3)] public required RunStatus Status { get; init; }
    [Id(4)] public required string Requester { get; init; }
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The step being worked on now (empty when final).</summary>
    [Id(7)] public string CurrentStep { get; init; } = "";

    /// <summary>Why the run failed or was rejected, when it did.</summary>
    [Id(8)] public string? Reason { get; init; }

    /// <summary>The committed version, once there is one.</summary>
    [Id(9)] public int? Version { get; init; }

    [Id(10)] public int MaxIterations { get; init; }

    /// <summary>Whether the code was supplied (manual modification).</summary>
    [Id(11)] public bool Manual { get; init; }

    [Id(12)] public string? Prompt { get; init; }

    [Id(13)] public IReadOnlyList<RunStepView> Steps { get; init; } = [];
}
