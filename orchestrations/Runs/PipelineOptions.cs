namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// Host-wide pipeline settings (section <c>DurableObjects:Pipeline</c> in host.json). Objects may override them with
/// their <see cref="RunPolicy"/>, and a request may override approval and deploy.
/// </summary>
public sealed class PipelineOptions
{
    public const string Section = "DurableObjects:Pipeline";

    /// <summary>Generate → evaluate rounds before a run is rejected. Default 3.</summary>
    public int MaxIterations { get; set; } = 3;

    /// <summary>Minimum constraint judge score. Default 0.7.</summary>
    public double ConstraintThreshold { get; set; } = 0.7;

    /// <summary>Minimum factuality judge score. Default 0.8.</summary>
    public double FactualityThreshold { get; set; } = 0.8;

    /// <summary>Minimum preference judge score. Default 0.6.</summary>
    public double PreferenceThreshold { get; set; } = 0.6;

    /// <summary>Whether accepted candidates wait for a human decision before commit. Default false.</summary>
    public bool RequireApproval { get; set; }

    /// <summary>How long an approval may wait before the run is rejected as expired. Default 24 hours.</summary>
    public TimeSpan ApprovalExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether a modification run deploys the committed version. Default true (creations stay in draft).</summary>
    public bool DeployModifications { get; set; } = true;

    /// <summary>The environment runs deploy to; null = the default environment.</summary>
    public string? Environment { get; set; }
}
