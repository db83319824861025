using DurableObjects.Channels.Commands.Grammar;

namespace DurableObjects.Channels.Commands;

/// <summary>Finds the intents closest to unrecognized text by edit distance of its first words to the intent keywords.</summary>
public static class IntentSuggester
{
    /// <summary>Usage lines of up to <paramref name="count"/> closest intents, closest first.</summary>
    public static IReadOnlyList<string> Suggest(IReadOnlyList<Token> tokens, int count = 2)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var words = tokens.Take(3).Select(t => t.Key).Where(k => k.Length > 1).ToList();
        if (words.Count == 0)
        {
            return [CommandIntents.UsageOf(CommandIntents.Help)];
        }

        return CommandIntents.Keywords
            .Select((k, order) => (k.Value, Order: order, Score: words.Min(w => Relative(w, k.Key))))
            .OrderBy(x => x.Score)
            .ThenBy(x => x.Order)
            .Select(x => x.Value)
            .Distinct()
            .Take(count)
            .Select(CommandIntents.UsageOf)
            .ToList();
    }

    // Distance relative to the keyword's length, so "delpoy" is closer to "deploy" than "list" is to "lost".
    private static double Relative(string word, string keyword) => (double)EditDistance.Compute(word, keyword) / Math.Max(word.Length, keyword.Length);
}
