using System.Globalization;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>"HH:mm-HH:mm" in the monitor's time zone; a range past midnight ("22:00-07:00") wraps.</summary>
public readonly record struct QuietHours(TimeOnly Start, TimeOnly End)
{
    public static bool TryParse(string? text, out QuietHours hours)
    {
        hours = default;
        var parts = text?.Split('-', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 }
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            || start == end)
        {
            return false;
        }
        hours = new QuietHours(start, end);
        return true;
    }

    /// <summary>True when <paramref name="now"/>, seen in <paramref name="zone"/>, falls in the quiet hours.</summary>
    public bool Contains(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return Start < End ? local >= Start && local < End : local >= Start || local < End;
    }
}
