namespace DurableObjects.Orchestrations.Monitors;

/// <summary>Monitor scheduling (host.json section <c>DurableObjects:Monitors</c>).</summary>
public sealed class MonitorOptions
{
    public const string Section = "DurableObjects:Monitors";

    /// <summary>Turns the timer on every host on or off (the API and <c>POST /api/monitors/scan</c> work either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When each host pokes the scheduler: cron with seconds (six fields) or without (five). Default every 30 s.</summary>
    public string Schedule { get; set; } = "*/30 * * * * *";

    /// <summary>
    /// Events younger than this are left for the next scan, so an event stamped earlier but written later (a slow
    /// writer, another host's clock) still lands after the watermark. Must exceed write latency plus clock skew.
    /// </summary>
    public TimeSpan SettleWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>More matching events than this in one scan become one digest message.</summary>
    public int DigestThreshold { get; set; } = 5;

    /// <summary>How long a scanner's claim on a monitor's batch lasts without progress before another scanner may take it over.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The shortest interval a scheduled monitor's cron may have.</summary>
    public TimeSpan MinScheduleInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Monitors one user may own.</summary>
    public int MaxPerOwner { get; set; } = 100;

    /// <summary>Proposing monitors count an object's matching events over this window. Default one hour.</summary>
    public TimeSpan ProposalWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most one proposed change per object in this interval, whichever monitor proposes. Default 24 hours.</summary>
    public TimeSpan ProposalInterval { get; set; } = TimeSpan.FromHours(24);
}
