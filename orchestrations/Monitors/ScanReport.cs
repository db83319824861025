namespace DurableObjects.Orchestrations.Monitors;

/// <summary>What one scan did.</summary>
/// <param name="Monitors">Enabled monitors looked at.</param>
/// <param name="Messages">Messages handed to the notification service.</param>
/// <param name="Events">Events those messages reported.</param>
/// <param name="Deferred">Monitors whose events wait (quiet hours, rate limit, another scanner's claim).</param>
[GenerateSerializer, Immutable]
public sealed record ScanReport(
    [property: Id(0)] int Monitors,
    [property: Id(1)] int Messages,
    [property: Id(2)] int Events,
    [property: Id(3)] int Deferred)
{
    public static ScanReport Empty { get; } = new(0, 0, 0, 0);

    public ScanReport Add(ScanReport other) => new(Monitors + other.Monitors, Messages + other.Messages, Events + other.Events, Deferred + other.Deferred);
}
