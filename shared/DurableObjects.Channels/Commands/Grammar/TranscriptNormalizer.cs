namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>
/// Removes what people add around commands in texts and voice transcripts: fillers (um, uh), politeness (please,
/// thanks), openers (hey, ok, can you, I'd like to), trailing punctuation. Case and inner punctuation are kept.
/// </summary>
public static class TranscriptNormalizer
{
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "um", "umm", "ummm", "uh", "uhh", "uhm", "er", "erm", "hmm", "hm", "ah", "eh", "mm", "please", "pls", "plz", "kindly",
    };

    private static readonly string[][] Openers =
    [
        ["hey"], ["hi"], ["hello"], ["ok"], ["okay"], ["so"], ["well"], ["alright"], ["right"], ["now"], ["and"], ["just"], ["oh"],
        ["can", "you"], ["could", "you"], ["would", "you"], ["will", "you"], ["i", "want", "you", "to"], ["i", "want", "to"],
        ["i'd", "like", "to"], ["i", "would", "like", "to"], ["i", "need", "to"], ["i", "need", "you", "to"], ["let's"], ["lets"],
        ["go", "ahead", "and"], ["durable", "objects"], ["system"], ["computer"], ["there"],
    ];

    private static readonly string[][] Closers = [["thanks"], ["thank", "you"], ["thx"], ["now"], ["for", "me"], ["asap"], ["right", "now"]];

    /// <summary>Tokens of the command with the noise removed; empty when nothing is left.</summary>
    public static IReadOnlyList<Token> Tokenize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return [];
        }

        var text = input.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201C', '"').Replace('\u201D', '"');
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(Token.From)
            .Where(t => t.Key.Length > 0 && !Fillers.Contains(t.Key))
            .ToList();

        bool removed;
        do
        {
            removed = RemovePrefix(tokens) || RemoveSuffix(tokens);
        }
        while (removed);

        return tokens;
    }

    private static bool RemovePrefix(List<Token> tokens)
    {
        foreach (var opener in Openers)
        {
            if (tokens.Count > opener.Length && opener.Select((w, i) => tokens[i].Key == w).All(x => x))
            {
                tokens.RemoveRange(0, opener.Length);
                return true;
            }
        }

        return false;
    }

    private static bool RemoveSuffix(List<Token> tokens)
    {
        foreach (var closer in Closers)
        {
            var start = tokens.Count - closer.Length;
            if (start > 1 && closer.Select((w, i) => tokens[start + i].Key == w).All(x => x))
            {
                tokens.RemoveRange(start, closer.Length);
                return true;
            }
        }

        return false;
    }
}
