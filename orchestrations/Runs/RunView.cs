using DurableObjects.AI.Schemas;
using DurableObjects.Orchestrations.Runs.Steps;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// A run as its readers see it (the read model): the row's status and the typed results of its recorded steps.
/// Built from storage alone (the run's row and one partition of <c>RunSteps</c>), never from the engine's history.
/// </summary>
public sealed record RunView
{
    public required string RunId { get; init; }
    public required RunKind Kind { get; init; }
    public required string ObjectName { get; init; }
    public required RunStatus Status { get; init; }
    public required string Requester { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The step being worked on now (empty when final).</summary>
    public string CurrentStep { get; init; } = "";

    /// <summary>Why the run failed or was rejected, when it did.</summary>
    public string? Reason { get; init; }

    /// <summary>The committed version, once there is one.</summary>
    public int? Version { get; init; }

    public int MaxIterations { get; init; }

    /// <summary>Whether the code was supplied (manual modification).</summary>
    public bool Manual { get; init; }

    public string? Prompt { get; init; }

    /// <summary>Every recorded step, in the order they completed (empty in listings).</summary>
    public IReadOnlyList<RunStepView> Steps { get; init; } = [];

    /// <summary>A modification's plan.</summary>
    public CodePlan? Plan { get; init; }

    /// <summary>A creation's plan (files and API).</summary>
    public CreationPlan? CreationPlan { get; init; }

    public IReadOnlyList<RunIterationView> Iterations { get; init; } = [];

    public ApprovalDecision? Approval { get; init; }

    public CommitResult? Commit { get; init; }

    public DeployResult? Deploy { get; init; }

    public NotifyResult? Notify { get; init; }

    /// <summary>Set only when the approval request was skipped because the requester is disabled (see <see cref="RunNotifier"/>).</summary>
    public NotifyResult? ApprovalNotice { get; init; }

    /// <summary>The budget and the spend per item so far (its budget is null when the run has none).</summary>
    public Budget.RunSpend? Spend { get; init; }

    /// <summary>What proposed the run when a monitor did (null when a person asked).</summary>
    public string? ProposedBy { get; init; }
}
