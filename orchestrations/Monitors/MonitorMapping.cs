using System.Text.Json;
using DurableObjects.Orchestrations.Monitors.Storage;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>Between monitor rows, settings, definitions and the API view.</summary>
public static class MonitorMapping
{
    public static IReadOnlyDictionary<string, string> Conditions(this MonitorEntity e) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(e.ConditionsJson) ?? [];

    public static void Apply(this MonitorEntity e, MonitorSettings s)
    {
        e.Name = s.Name;
        e.EventType = s.EventType;
        e.Subject = s.Subject;
        e.ConditionsJson = JsonSerializer.Serialize(s.Conditions);
        e.Channel = s.Channel;
        e.Target = s.Target;
        e.RateLimitPerHour = s.RateLimitPerHour;
        e.QuietHours = s.QuietHours;
        e.TimeZone = s.TimeZone;
        e.Schedule = s.Schedule;
        e.Enabled = s.Enabled;
        e.Action = s.Action;
        e.ProposeAfter = s.ProposeAfter;
    }

    /// <summary>The stored definition with <paramref name="changes"/> laid over it (null keeps, "" clears).</summary>
    public static MonitorDefinition Merge(this MonitorEntity e, MonitorDefinition changes) => new()
    {
        Name = changes.Name ?? e.Name,
        EventType = changes.EventType ?? e.EventType,
        Subject = changes.Subject ?? e.Subject,
        Conditions = changes.Conditions ?? e.Conditions(),
        Channel = changes.Channel ?? e.Channel,
        // A new channel takes its default target unless one is given with it.
        Target = changes.Target ?? (changes.Channel is null ? e.Target : null),
        RateLimitPerHour = changes.RateLimitPerHour is 0 ? null : changes.RateLimitPerHour ?? e.RateLimitPerHour,
        QuietHours = changes.QuietHours ?? e.QuietHours,
        TimeZone = changes.TimeZone ?? e.TimeZone,
        Schedule = changes.Schedule ?? e.Schedule,
        Enabled = changes.Enabled ?? e.Enabled,
        Action = changes.Action ?? e.Action,
        ProposeAfter = changes.ProposeAfter ?? e.ProposeAfter,
    };

    public static MonitorInfo ToInfo(this MonitorEntity e) => new(
        e.RowKey, e.Owner, e.Name, e.EventType, e.Subject, e.Conditions(), e.Channel, e.Target, e.RateLimitPerHour,
        e.QuietHours, e.TimeZone, e.Schedule, e.Enabled, e.CreatedAt, e.UpdatedAt, EventKeys.TimeOf(e.Watermark),
        e.PendingJson is not null, e.LastFiredAt, e.FiredCount, e.LastRunAt, e.LastError, e.Action, e.ProposeAfter);
}
