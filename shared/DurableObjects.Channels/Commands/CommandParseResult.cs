namespace DurableObjects.Channels.Commands;

/// <summary>The parser's answer: a command (possibly to confirm) or a reply telling the user what to send.</summary>
/// <param name="Outcome">Parsed, needs confirmation, incomplete or unknown.</param>
/// <param name="Command">The command for <see cref="ParseOutcome.Parsed"/> and <see cref="ParseOutcome.NeedsConfirmation"/>.</param>
/// <param name="Confidence">1 for the grammar; the model's own estimate otherwise; 0 when nothing was recognized.</param>
/// <param name="Source">Grammar, model or none.</param>
/// <param name="Reply">Text for the user when there is no command to run yet (confirmation question, usage, help); short enough for one SMS.</param>
/// <param name="Suggestions">Closest intents' usage lines, for unknown text.</param>
public sealed record CommandParseResult(
    ParseOutcome Outcome,
    Command? Command,
    double Confidence,
    CommandSource Source,
    string? Reply,
    IReadOnlyList<string> Suggestions)
{
    /// <summary>A command recognized with full confidence.</summary>
    public static CommandParseResult Parsed(Command command, CommandSource source, double confidence = 1.0) =>
        new(ParseOutcome.Parsed, command, confidence, source, null, []);
}
