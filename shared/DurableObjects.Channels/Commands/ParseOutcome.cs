namespace DurableObjects.Channels.Commands;

/// <summary>What the parser made of the text.</summary>
public enum ParseOutcome
{
    /// <summary>A command, ready to run (authorization aside).</summary>
    Parsed,

    /// <summary>The model proposed a command with low confidence: ask the user to confirm before running it.</summary>
    NeedsConfirmation,

    /// <summary>The intent is clear but something is missing or malformed; <see cref="CommandParseResult.Reply"/> says what.</summary>
    Incomplete,

    /// <summary>No command recognized; the reply lists the closest intents.</summary>
    Unknown,
}
