using DurableObjects.AI.Schemas;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// The names of a run's recorded steps: the read model's vocabulary (the HTTP view and the web page read them) and
/// each activity's idempotency key within its run.
/// </summary>
public static class RunStepNames
{
    public const string Policy = "policy";
    public const string Context = "context";
    public const string Plan = "plan";
    public const string ApprovalRequested = "approval-requested";

    /// <summary>Recorded only when the approval request was not posted because its requester is disabled: a <see cref="Steps.NotifyResult"/> saying why.</summary>
    public const string ApprovalNotice = "approval-notice";
    public const string Approval = "approval";
    public const string Commit = "commit";
    public const string Deploy = "deploy";
    public const string Finished = "finished";
    public const string Notify = "notify";
    public const string CancelRequested = "cancel-requested";

    /// <summary>Not a recorded step: what a failure during a budget check is attributed to.</summary>
    public const string Budget = "budget";

    public static string Generate(int iteration) => $"generate-{iteration}";

    /// <summary>One gate's own result (fan-out); <see cref="Gates"/> is the merged report the reward decision used.</summary>
    public static string Gate(int iteration, string gate) => $"gate-{iteration}-{gate}";

    public static string Judge(int iteration, CheckKind kind) => $"judge-{iteration}-{kind.ToString().ToLowerInvariant()}";

    public static string Gates(int iteration) => GatesPrefix + iteration.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What every <see cref="Gates"/> name starts with.</summary>
    public const string GatesPrefix = "gates-";

    public static string Evaluate(int iteration) => $"evaluate-{iteration}";
}
