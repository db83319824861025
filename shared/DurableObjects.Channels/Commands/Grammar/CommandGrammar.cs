namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>The fixed grammar: pure, no I/O, no model. Monitors first, then queries, then object commands.</summary>
public static class CommandGrammar
{
    /// <summary>Matches normalized tokens (see <see cref="TranscriptNormalizer"/>); null when no rule applies.</summary>
    public static GrammarMatch? Match(IReadOnlyList<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count == 0)
        {
            return null;
        }

        return MonitorCommandRules.Match(tokens) ?? QueryCommandRules.Match(tokens) ?? ObjectCommandRules.Match(tokens);
    }

    /// <summary>Normalizes and matches raw text.</summary>
    public static GrammarMatch? Match(string text) => Match(TranscriptNormalizer.Tokenize(text));
}
