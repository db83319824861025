namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>What a grammar rule recognized: a command, or an intent with a missing or malformed part.</summary>
/// <param name="Intent">The intent recognized.</param>
/// <param name="Command">The command, when complete.</param>
/// <param name="Problem">What is missing or wrong, when incomplete (with the usage line).</param>
public sealed record GrammarMatch(string Intent, Command? Command, string? Problem)
{
    /// <summary>A complete command.</summary>
    public static GrammarMatch Of(Command command) => new(command.Intent, command, null);

    /// <summary>A recognized intent that lacks something.</summary>
    public static GrammarMatch Incomplete(string intent, string problem) =>
        new(intent, null, $"{problem} Usage: {CommandIntents.UsageOf(intent)}");
}
