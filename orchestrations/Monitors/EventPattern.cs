using System.Reflection;
using System.Text.RegularExpressions;
using DurableObjects.Channels.Commands;
using DurableObjects.Shared.Audit;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// Event-type patterns: an exact type ("user.registered"), a prefix ("object.*": any type in that family) or a
/// suffix ("*.failed": that outcome of any family). Types are lower-case segments joined by dots.
/// </summary>
public static partial class EventPattern
{
    /// <summary>Every event type the system records (the audit log's, the command parser's and the monitors' own).</summary>
    public static IReadOnlyList<string> KnownTypes { get; } = typeof(AuditEventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Concat(typeof(MonitorEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Concat(EventTypes.All)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Null when <paramref name="pattern"/> is a valid pattern matching a known type; otherwise why not.</summary>
    public static string? Check(string pattern)
    {
        if (!Shape().IsMatch(pattern))
        {
            return $"'{pattern}' is not an event-type pattern: use an exact type (user.registered), a prefix (object.*) or a suffix (*.failed).";
        }
        return KnownTypes.Any(t => Matches(pattern, t))
            ? null
            : $"No event type matches '{pattern}'. Known types: {string.Join(", ", KnownTypes)}.";
    }

    /// <summary>True when <paramref name="eventType"/> matches <paramref name="pattern"/> (case-insensitive).</summary>
    public static bool Matches(string pattern, string eventType)
    {
        if (pattern.EndsWith(".*", StringComparison.Ordinal))
        {
            return eventType.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase);
        }
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return eventType.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(pattern, eventType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the pattern names the monitors' own family explicitly ("monitor.*", "monitor.fired").</summary>
    public static bool IsAboutMonitors(string pattern) => pattern.StartsWith("monitor.", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(?:[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+|[a-z][a-z0-9_]*\.\*|\*\.[a-z][a-z0-9_]*)\z")]
    private static partial Regex Shape();
}
