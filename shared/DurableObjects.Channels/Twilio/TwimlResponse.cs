using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace DurableObjects.Channels.Twilio;

/// <summary>
/// Builds a TwiML document (<c>&lt;Response&gt;</c> with verbs). All text and attributes are XML-escaped and
/// characters XML cannot carry are dropped, so user or model text can be spoken or texted back safely.
/// </summary>
public sealed class TwimlResponse
{
    private readonly XElement root = new("Response");

    /// <summary>Replies with an SMS (<c>&lt;Message&gt;</c>).</summary>
    public TwimlResponse Message(string text)
    {
        root.Add(new XElement("Message", Clean(text)));
        return this;
    }

    /// <summary>Speaks text (<c>&lt;Say&gt;</c>), optionally with a voice such as "Polly.Joanna".</summary>
    public TwimlResponse Say(string text, string? voice = null)
    {
        root.Add(CreateSay(text, voice));
        return this;
    }

    /// <summary>
    /// Listens for speech (<c>&lt;Gather input="speech"&gt;</c>) after speaking <paramref name="prompt"/>; Twilio POSTs
    /// the transcript as <c>SpeechResult</c> to <paramref name="action"/>.
    /// </summary>
    public TwimlResponse GatherSpeech(string action, string prompt, string? language = null, string speechTimeout = "auto")
    {
        var gather = new XElement(
            "Gather",
            new XAttribute("input", "speech"),
            new XAttribute("action", Clean(action)),
            new XAttribute("method", "POST"),
            new XAttribute("speechTimeout", speechTimeout));
        if (!string.IsNullOrWhiteSpace(language))
        {
            gather.Add(new XAttribute("language", Clean(language)));
        }

        gather.Add(CreateSay(prompt, null));
        root.Add(gather);
        return this;
    }

    /// <summary>Sends the call to another TwiML URL (<c>&lt;Redirect method="POST"&gt;</c>).</summary>
    public TwimlResponse Redirect(string url)
    {
        root.Add(new XElement("Redirect", new XAttribute("method", "POST"), Clean(url)));
        return this;
    }

    /// <summary>Ends the call (<c>&lt;Hangup/&gt;</c>).</summary>
    public TwimlResponse Hangup()
    {
        root.Add(new XElement("Hangup"));
        return this;
    }

    /// <summary>The document with its XML declaration, as Twilio expects it (content type <c>text/xml</c>).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = Encoding.UTF8 };
        using (var writer = XmlWriter.Create(builder, settings))
        {
            root.Save(writer);
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + builder;
    }

    private static XElement CreateSay(string text, string? voice)
    {
        var say = new XElement("Say", Clean(text));
        if (!string.IsNullOrWhiteSpace(voice))
        {
            say.Add(new XAttribute("voice", Clean(voice)));
        }

        return say;
    }

    private static string Clean(string text)
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
