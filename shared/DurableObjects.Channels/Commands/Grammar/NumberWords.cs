using System.Globalization;

namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>Reads version numbers as transcribed: "3", "v3", "three", "3rd", "third".</summary>
public static class NumberWords
{
    private static readonly string[] Cardinals =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];

    private static readonly string[] Ordinals =
    [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
    ];

    /// <summary>Parses a non-negative number from a token key; null when it is not one.</summary>
    public static int? Parse(string key)
    {
        var text = key.StartsWith('v') && key.Length > 1 && char.IsAsciiDigit(key[1]) ? key[1..] : key;
        text = text.TrimStart('#');
        foreach (var suffix in new[] { "st", "nd", "rd", "th" })
        {
            if (text.Length > suffix.Length && char.IsAsciiDigit(text[0]) && text.EndsWith(suffix, StringComparison.Ordinal))
            {
                text = text[..^suffix.Length];
            }
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var cardinal = Array.IndexOf(Cardinals, text);
        if (cardinal >= 0)
        {
            return cardinal;
        }

        var ordinal = Array.IndexOf(Ordinals, text);
        return ordinal >= 0 ? ordinal : null;
    }
}
