using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// Everything a run needs to start, as accepted by <see cref="IRunLauncher"/> (which validated it and the actor's
/// rights). Exactly one of <see cref="Prompt"/> (model-driven), <see cref="Files"/> (manual code) or
/// <see cref="Requirements"/> (creation) drives the run. Stored with the run, so a resumed run sees the same request.
/// </summary>
public sealed record RunRequest
{
    public required RunKind Kind { get; init; }

    /// <summary>The object's display name (for a creation: the name to create).</summary>
    public required string ObjectName { get; init; }

    /// <summary>The authenticated requester; commits and deploys act as this actor.</summary>
    public required Actor Actor { get; init; }

    /// <summary>Plain-language change request (model-driven modification).</summary>
    public string? Prompt { get; init; }

    /// <summary>Supplied code (manual modification): path → C# source, tests included.</summary>
    public IReadOnlyDictionary<string, string>? Files { get; init; }

    /// <summary>Summary of supplied code, or of the change.</summary>
    public string? Summary { get; init; }

    /// <summary>Creation: what the object is.</summary>
    public string? Description { get; init; }

    /// <summary>Creation: what it must do.</summary>
    public string? Requirements { get; init; }

    /// <summary>Where to tell the requester how the run ended.</summary>
    public RunNotification? Notify { get; init; }

    /// <summary>Per-request approval policy; null = the object's policy, then the host default.</summary>
    public bool? RequireApproval { get; init; }

    /// <summary>Per-request deploy policy; null = the object's policy, then the host default.</summary>
    public bool? Deploy { get; init; }

    /// <summary>Per-request budget; it can only lower the object's and the host's limits.</summary>
    public Budget.RunBudget? Budget { get; init; }

    /// <summary>
    /// Modification: the version the change was made from (a push sends the version it pulled), when the requester
    /// knows it. The run starts (409 otherwise), loads its context and commits only while that is still the version a
    /// new one follows (<see cref="Objects.VersionBasis"/>), so files made from an old pull never replace what came
    /// since. Null: the run's basis is whatever is current when it loads its context.
    /// </summary>
    public int? BaseVersion { get; init; }

    /// <summary>Why a monitor proposed this run (null when a person asked).</summary>
    public string? ProposedBy { get; init; }

    /// <summary>Whether the code was supplied rather than generated.</summary>
    public bool IsManual => Files is { Count: > 0 };
}
