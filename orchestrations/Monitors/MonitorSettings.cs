namespace DurableObjects.Orchestrations.Monitors;

/// <summary>A definition after validation: every field final and normalized (channel name, E.164 phone, …).</summary>
public sealed record MonitorSettings(
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
    string Action = MonitorActions.Notify,
    int ProposeAfter = MonitorActions.DefaultProposeAfter);
