namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>A word as typed (<see cref="Text"/>) and its matching key: lower case, surrounding punctuation removed.</summary>
public readonly record struct Token(string Text, string Key)
{
    private static readonly char[] Punctuation = ['.', ',', '!', '?', ';', ':', '"', '\'', '(', ')', '[', ']', '`', '*'];

    /// <summary>Creates a token from a whitespace-separated word.</summary>
    public static Token From(string word) => new(word, Strip(word).ToLowerInvariant());

    /// <summary>The word without surrounding punctuation, case kept (names, ids).</summary>
    public string Bare => Strip(Text);

    private static string Strip(string word) => word.Trim(Punctuation);
}
