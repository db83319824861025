namespace DurableObjects.Orchestrations.Monitors;

/// <summary>What one scan did.</summary>
/// <param name="Monitors">Enabled monitors looked at.</param>
/// <param name="Messages">Messages handed to the notification service.</param>
/// <param name="Events">Events those messages reported.</param>
/// <param name="Deferred">Monitors whose events wait (quiet hours, rate limit, another scanner's claim).</param>
public sealed record ScanReport(
    int Monitors,
    int Messages,
    int Events,
    int Deferred)
{
    public static ScanReport Empty { get; } = new(0, 0, 0, 0);

    public ScanReport Add(ScanReport other) => new(Monitors + other.Monitors, Messages + other.Messages, Events + other.Events, Deferred + other.Deferred);
}
