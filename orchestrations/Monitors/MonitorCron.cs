using Cronos;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>Cron expressions with five fields (minute precision) or six (seconds first), parsed by Cronos.</summary>
public static class MonitorCron
{
    public static CronExpression Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(expression.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    /// <summary>Null when valid; otherwise why not.</summary>
    public static string? Check(string expression, TimeZoneInfo zone, TimeSpan minInterval, DateTimeOffset now)
    {
        CronExpression cron;
        try
        {
            cron = Parse(expression);
        }
        catch (CronFormatException e)
        {
            return $"'{expression}' is not a cron expression ({e.Message}). Use five fields (minute hour day month weekday, e.g. \"0 9 * * *\") or six with seconds first.";
        }
        var first = cron.GetNextOccurrence(now, zone);
        var second = first is null ? null : cron.GetNextOccurrence(first.Value, zone);
        if (first is null)
        {
            return $"'{expression}' never occurs.";
        }
        if (second is not null && second.Value - first.Value < minInterval)
        {
            return $"'{expression}' runs more often than every {minInterval}; scheduled monitors may run at most that often.";
        }
        return null;
    }
}
