using System.Text.RegularExpressions;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>Keeps replies short and plain: one SMS where possible, and words a voice can say.</summary>
public static partial class ReplyText
{
    /// <summary>Replies aim for this many characters (two SMS segments at most).</summary>
    public const int MaxLength = 300;

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters at a word boundary, with an ellipsis.</summary>
    public static string Shorten(string text, int max = MaxLength)
    {
        text = text.Trim();
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)].TrimEnd(',', ';', ' ') + "…";
    }

    /// <summary>Text for &lt;Say&gt;: "v3" becomes "version 3", markup-like characters go.</summary>
    public static string Spoken(string text)
    {
        var spoken = VersionPattern().Replace(text, "version $1");
        spoken = spoken.Replace("<", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal)
            .Replace("|", " or ", StringComparison.Ordinal).Replace("…", ".", StringComparison.Ordinal);
        return spoken;
    }

    /// <summary>True for "yes", "y", "yeah", "ok", "confirm" and the like.</summary>
    public static bool IsYes(string text) => Normalize(text) is "yes" or "y" or "yeah" or "yep" or "yup" or "ok" or "okay" or "sure" or "confirm" or "yes please" or "do it";

    /// <summary>True for "no", "n", "nope", "cancel" and the like.</summary>
    public static bool IsNo(string text) => Normalize(text) is "no" or "n" or "nope" or "nah" or "cancel" or "no thanks";

    private static string Normalize(string text) =>
        string.Join(' ', text.Trim().TrimEnd('.', '!', '?').ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"\bv(\d+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
