using System.Text;
using System.Xml;

namespace DurableObjects.Channels.Twilio;

/// <summary>
/// Makes user or model text safe for the SDK's TwiML builders, which escape markup but throw on characters XML
/// cannot carry (control characters): those are dropped, so any reply can still be spoken or texted back.
/// </summary>
public static class TwimlText
{
    /// <summary><paramref name="text"/> without the characters XML 1.0 cannot carry.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
