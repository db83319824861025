using System.Globalization;

namespace DurableObjects.Channels.Twilio;

/// <summary>Splits long SMS text into numbered parts on word boundaries.</summary>
public static class SmsSplitter
{
    /// <summary>Twilio's limit on one message body.</summary>
    public const int TwilioMaxBodyLength = 1600;

    /// <summary>
    /// Returns the text as one part when it fits, else parts no longer than <paramref name="maxLength"/>, each
    /// prefixed "(i/n) ", cut at the last whitespace before the limit (a word longer than a part is cut hard).
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxLength = TwilioMaxBodyLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 20);
        var body = text.Trim();
        if (body.Length <= maxLength)
        {
            return [body];
        }

        // The prefix length depends on the number of parts, so grow the assumed digit count until it is stable.
        for (var digits = 1; ; digits++)
        {
            var prefixLength = ("(" + new string('9', digits) + "/" + new string('9', digits) + ") ").Length;
            var chunks = Chunk(body, maxLength - prefixLength);
            if (chunks.Count.ToString(CultureInfo.InvariantCulture).Length <= digits)
            {
                return chunks.Select((c, i) => $"({i + 1}/{chunks.Count}) {c}").ToList();
            }
        }
    }

    private static List<string> Chunk(string text, int size)
    {
        var chunks = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > size)
        {
            var cut = rest[..(size + 1)].LastIndexOfAny(' ', '\n', '\t');
            if (cut <= 0)
            {
                cut = size;
            }

            chunks.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            chunks.Add(rest.ToString());
        }

        return chunks;
    }
}
