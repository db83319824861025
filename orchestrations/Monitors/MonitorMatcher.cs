using DurableObjects.Orchestrations.Monitors.Storage;
using DurableObjects.Shared.Audit;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// Whether an event concerns a monitor: its type matches the pattern, its subject and data meet the conditions.
/// Loop guard: the monitors' own events (monitor.*) match only a pattern that names them explicitly, never the
/// monitor that wrote them, and never when they were written by a monitor that itself watches monitor.* (so two
/// such monitors cannot set each other off forever).
/// </summary>
public static class MonitorMatcher
{
    public static bool Matches(MonitorEntity monitor, IReadOnlyDictionary<string, string> conditions, AuditEvent e)
    {
        if (!EventPattern.Matches(monitor.EventType, e.Type))
        {
            return false;
        }
        if (e.Type.StartsWith("monitor.", StringComparison.OrdinalIgnoreCase)
            && (!EventPattern.IsAboutMonitors(monitor.EventType)
                || string.Equals(e.Subject, MonitorEventTypes.Subject(monitor.RowKey), StringComparison.Ordinal)
                || (e.Data.TryGetValue("pattern", out var firedFor) && EventPattern.IsAboutMonitors(firedFor))))
        {
            return false;
        }
        if (monitor.Subject is { Length: > 0 } subject && !SubjectMatches(subject, e.Subject))
        {
            return false;
        }
        return conditions.All(c => e.Data.TryGetValue(c.Key, out var value) && string.Equals(value, c.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"object/calculator" matches exactly; a bare "calculator" matches that name of any kind.</summary>
    private static bool SubjectMatches(string wanted, string actual) => wanted.Contains('/', StringComparison.Ordinal)
        ? string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase)
        : string.Equals(wanted, actual[(actual.IndexOf('/', StringComparison.Ordinal) + 1)..], StringComparison.OrdinalIgnoreCase);
}
