using System.Globalization;
using DurableObjects.Shared.Storage.Entities;

namespace DurableObjects.Orchestrations.Monitors.Storage;

/// <summary>
/// Row-key bounds on the event table. Event keys are inverted ticks + "-" + suffix, so a bound <c>Bound(t)</c> sorts
/// after every event later than t and before every event at or before t: the events in the time range (w, b] are
/// exactly those with <c>Bound(b) &lt; RowKey &lt; Bound(w)</c>.
/// </summary>
public static class EventKeys
{
    public static string Bound(DateTimeOffset time) => EventEntity.RowKeyOf(time, "");

    /// <summary>The time a bound (or an event key) stands for.</summary>
    public static DateTimeOffset TimeOf(string key) =>
        long.TryParse(key.AsSpan(0, Math.Min(19, key.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted)
            ? new DateTimeOffset(DateTimeOffset.MaxValue.UtcTicks - inverted, TimeSpan.Zero)
            : DateTimeOffset.MinValue;

    /// <summary>True when the event key lies after the watermark and at or before the bound.</summary>
    public static bool InRange(string eventKey, string watermark, string upTo) =>
        string.CompareOrdinal(eventKey, watermark) < 0 && string.CompareOrdinal(eventKey, upTo) > 0;
}
