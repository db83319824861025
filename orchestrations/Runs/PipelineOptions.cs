namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// Host-wide pipeline settings (section <c>DurableObjects:Pipeline</c> in host.json). Objects may tighten them with
/// their <see cref="RunPolicy"/> (the host's thresholds are floors; the host's approval requirement holds), and a request
/// may tighten approval and turn deploy off, never loosen either.
/// </summary>
public sealed class PipelineOptions
{
    public const string Section = "DurableObjects:Pipeline";

    /// <summary>Generate → evaluate rounds before a run is rejected. Default 3.</summary>
    public int MaxIterations { get; set; } = 3;

    /// <summary>Minimum constraint judge score, and the floor below which no object policy may set it. Default 0.7.</summary>
    public double ConstraintThreshold { get; set; } = 0.7;

    /// <summary>Minimum factuality judge score, and the floor for object policies. Default 0.8.</summary>
    public double FactualityThreshold { get; set; } = 0.8;

    /// <summary>Minimum preference judge score, and the floor for object policies. Default 0.6.</summary>
    public double PreferenceThreshold { get; set; } = 0.6;

    /// <summary>Whether accepted candidates wait for a human decision before commit. Default false.</summary>
    public bool RequireApproval { get; set; }

    /// <summary>
    /// Whether the person who asked for a run may approve it themselves. Default false: someone else (an admin) must.
    /// </summary>
    public bool AllowSelfApproval { get; set; }

    /// <summary>
    /// Minimum share of mutants (deliberately broken copies of the changed code) the candidate's tests must catch, and
    /// the floor for object policies. Default 0.5. Whatever the value, a changed method none of whose mutants is caught
    /// fails the mutation gate.
    /// </summary>
    public double MutationThreshold { get; set; } = 0.5;

    /// <summary>At most this many mutants are built and run per candidate. Default 8; 0 turns the mutation check off.</summary>
    public int MaxMutants { get; set; } = 8;

    /// <summary>Time budget for building and running one candidate's mutants; the rest are not run. Default 30 seconds.</summary>
    public TimeSpan MutationBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an approval may wait before the run is rejected as expired. Default 24 hours.</summary>
    public TimeSpan ApprovalExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether a modification run deploys the committed version. Default true (creations stay in draft).</summary>
    public bool DeployModifications { get; set; } = true;

    /// <summary>
    /// The host's default budget per run: at most this much money (priced as <see cref="Budget.BudgetPrices"/> and the
    /// models' prices say). Null = no limit; an object policy or a request may set a lower one, never a higher.
    /// </summary>
    public decimal? MaxCost { get; set; }

    /// <summary>The host's default token budget per run (input plus output tokens of every model call); null = none.</summary>
    public long? MaxTokens { get; set; }

    /// <summary>
    /// Runs one person may start an hour on a host (<see cref="RunStartLimiter"/>); more answer 429 with when to try
    /// again. Default 300; 0 = no bound.
    /// </summary>
    public int MaxRunsPerUserPerHour { get; set; } = 300;

    /// <summary>The environment runs deploy to; null = the default environment.</summary>
    public string? Environment { get; set; }
}
