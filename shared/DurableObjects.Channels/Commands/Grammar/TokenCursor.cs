namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>Walks a token list: peek, skip optional words, take a name, take the rest as text.</summary>
public sealed class TokenCursor(IReadOnlyList<Token> tokens, int position = 0)
{
    private static readonly char[] TrailingPunctuation = ['.', '!', '?', ',', ';', ':'];

    /// <summary>Current index.</summary>
    public int Position { get; private set; } = position;

    /// <summary>True when all tokens are consumed.</summary>
    public bool AtEnd => Position >= tokens.Count;

    /// <summary>The key of the current token ("" at the end).</summary>
    public string Peek(int ahead = 0) => Position + ahead >= 0 && Position + ahead < tokens.Count ? tokens[Position + ahead].Key : string.Empty;

    /// <summary>Consumes the given words if they come next, in order; false (nothing consumed) otherwise.</summary>
    public bool Accept(params string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (Peek(i) != words[i])
            {
                return false;
            }
        }

        Position += words.Length;
        return true;
    }

    /// <summary>Consumes any number of tokens whose key is in <paramref name="words"/>.</summary>
    public void SkipAny(ICollection<string> words)
    {
        while (!AtEnd && words.Contains(Peek()))
        {
            Position++;
        }
    }

    /// <summary>Consumes one token as an object name (letters, digits, '_', '-', '.'; starting with a letter).</summary>
    public string? TakeName()
    {
        if (AtEnd)
        {
            return null;
        }

        var bare = tokens[Position].Bare.TrimEnd('.');
        if (!NameRules.IsValid(bare))
        {
            return null;
        }

        Position++;
        return bare;
    }

    /// <summary>Consumes one token as an identifier (run ids): letters, digits, '_', '-'.</summary>
    public string? TakeIdentifier()
    {
        if (AtEnd)
        {
            return null;
        }

        var bare = tokens[Position].Bare;
        if (bare.Length == 0 || !bare.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return null;
        }

        Position++;
        return bare;
    }

    /// <summary>Consumes the rest as text, as typed, without trailing sentence punctuation; null when empty.</summary>
    public string? TakeRest()
    {
        if (AtEnd)
        {
            return null;
        }

        var text = string.Join(' ', tokens.Skip(Position).Select(t => t.Text)).Trim().TrimEnd(TrailingPunctuation).Trim();
        Position = tokens.Count;
        return text.Length == 0 ? null : text;
    }
}
