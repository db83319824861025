namespace DurableObjects.Orchestrations.Monitors;

/// <summary>A monitor as its owner (or an admin) sees it.</summary>
/// <param name="Watermark">Events up to this time have been looked at.</param>
/// <param name="Sending">True while a batch is claimed and partly sent.</param>
public sealed record MonitorInfo(
    string Id,
    string Owner,
    string Name,
    string EventType,
    string? Subject,
    IReadOnlyDictionary<string, string> Conditions,
    string Channel,
    string? Target,
    int? RateLimitPerHour,
    string? QuietHours,
    string TimeZone,
    string? Schedule,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset Watermark,
    bool Sending,
    DateTimeOffset? LastFiredAt,
    long FiredCount,
    DateTimeOffset? LastRunAt,
    string? LastError,
    string Action = MonitorActions.Notify,
    int ProposeAfter = MonitorActions.DefaultProposeAfter);
