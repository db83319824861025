using System.Globalization;
using System.Text;
using DurableObjects.Orchestrations.Monitors.Storage;
using DurableObjects.Shared.Audit;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// Renders what a monitor sends: one short message per event, a digest when more than the threshold (or the rate
/// limit) allows, or a scheduled summary. Texts stay short enough for an SMS segment or two and a spoken call.
/// </summary>
public static class MonitorMessages
{
    private const int Samples = 5;

    /// <summary>The messages for <paramref name="events"/>: one each, or one digest when there are more than <paramref name="maxMessages"/>.</summary>
    public static IReadOnlyList<PlannedMessage> Plan(MonitorEntity monitor, IReadOnlyList<AuditEvent> events, int maxMessages) =>
        events.Count <= maxMessages
            ? events.Select(e => new PlannedMessage($"{monitor.Name}: {e.Type} {e.Subject}", Describe(e), 1, e.Id)).ToList()
            : [Digest(monitor, events, $"{monitor.Name}: {events.Count.ToString("N0", CultureInfo.InvariantCulture)} events")];

    /// <summary>A scheduled monitor's summary of the events since its last run (also when there were none).</summary>
    public static PlannedMessage Summary(MonitorEntity monitor, IReadOnlyList<AuditEvent> events, DateTimeOffset since) => events.Count == 0
        ? new PlannedMessage($"{monitor.Name}: nothing new", $"No {monitor.EventType} events since {Time(since)}.", 0, null)
        : Digest(monitor, events, $"{monitor.Name}: {events.Count.ToString("N0", CultureInfo.InvariantCulture)} events since {Time(since)}");

    private static PlannedMessage Digest(MonitorEntity monitor, IReadOnlyList<AuditEvent> events, string subject)
    {
        var text = new StringBuilder();
        var byType = events.GroupBy(e => e.Type).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} x{g.Count()}");
        text.Append(string.Join(", ", byType)).Append(" between ").Append(Time(events[0].Time)).Append(" and ").Append(Time(events[^1].Time)).Append('.');
        foreach (var e in events.Take(Samples))
        {
            text.Append('\n').Append("- ").Append(e.Type).Append(' ').Append(e.Subject).Append(" by ").Append(e.Actor);
        }
        if (events.Count > Samples)
        {
            text.Append('\n').Append("and ").Append((events.Count - Samples).ToString("N0", CultureInfo.InvariantCulture)).Append(" more (GET /api/events?type=")
                .Append(monitor.EventType).Append(").");
        }
        return new PlannedMessage(subject, text.ToString(), events.Count, events[0].Id);
    }

    private static string Describe(AuditEvent e)
    {
        var text = new StringBuilder().Append(e.Subject).Append(": ").Append(e.Type).Append(" by ").Append(e.Actor).Append(" at ").Append(Time(e.Time)).Append('.');
        foreach (var (key, value) in e.Data.Take(3))
        {
            text.Append(' ').Append(key).Append('=').Append(value.Length > 60 ? value[..60] + "…" : value);
        }
        return text.ToString();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
