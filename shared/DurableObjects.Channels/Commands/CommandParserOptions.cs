namespace DurableObjects.Channels.Commands;

/// <summary>Parser settings, bound from the <c>Commands</c> configuration section.</summary>
public sealed class CommandParserOptions
{
    /// <summary>Model proposals below this confidence (0–1) are returned as <see cref="ParseOutcome.NeedsConfirmation"/>.</summary>
    public double ConfirmationThreshold { get; set; } = 0.75;

    /// <summary>Longer input is cut before it reaches the model (SMS and transcripts are short; this bounds cost).</summary>
    public int MaxModelInputLength { get; set; } = 500;

    /// <summary>Optional model id passed in <c>ChatOptions.ModelId</c>.</summary>
    public string? ModelId { get; set; }
}
