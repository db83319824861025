namespace DurableObjects.Orchestrations.Runs;

/// <summary>Reads a stored wire status (<c>awaiting_approval</c>) back; an unknown one reads as failed.</summary>
public static class RunStatusWire
{
    public static RunStatus Parse(string? wire) =>
        Enum.TryParse<RunStatus>((wire ?? "").Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), true, out var status) ? status : RunStatus.Failed;
}
