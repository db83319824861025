namespace DurableObjects.Channels.Commands;

/// <summary>
/// Turns an SMS body or a voice transcript into a command: the fixed grammar first, then (for free text) the
/// language model when one is configured.
/// </summary>
/// <remarks>
/// Trust model: the text is untrusted (anyone can text the number; only the webhook's signature check and the
/// caller's verified phone say who sent it). The parser never runs anything: it only proposes a typed command, and
/// model proposals are validated like grammar ones (names, versions, event types from the fixed list). The command
/// processor authorizes the identified user before running it; low-confidence model proposals must be confirmed.
/// </remarks>
public interface ICommandParser
{
    /// <summary>True when free text can go to a model.</summary>
    bool ModelAvailable { get; }

    /// <summary>Parses <paramref name="text"/>. Does not throw for bad text or model failures; they become replies.</summary>
    Task<CommandParseResult> ParseAsync(string text, CancellationToken cancellationToken = default);
}
