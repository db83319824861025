using System.Xml.Linq;
using DurableObjects.Channels.Twilio;

namespace DurableObjects.Channels.UnitTests.Twilio;

/// <summary>The SDK-built TwiML stays valid and safe whatever text goes into it.</summary>
public sealed class TwimlResponseTests
{
    [Fact]
    public void Sms_Markup_EscapedAsText()
    {
        var twiml = TwilioReplies.Sms("5 < 6 & \"quotes\" </Message><Hangup/>").ToString();

        var root = XDocument.Parse(twiml).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        Assert.Equal("5 < 6 & \"quotes\" </Message><Hangup/>", root.Element("Message")!.Value);
        Assert.Null(root.Element("Hangup"));
    }

    [Fact]
    public void GatherSpeech_ActionWithQuery_HasSpeechInputActionPostAndPrompt()
    {
        var twiml = TwilioReplies.VoiceWelcome("/webhooks/voice/command?a=1&b=2").ToString();

        var root = XDocument.Parse(twiml).Root!;
        var gather = root.Element("Gather")!;
        Assert.Equal("speech", gather.Attribute("input")!.Value);
        Assert.Equal("/webhooks/voice/command?a=1&b=2", gather.Attribute("action")!.Value);
        Assert.Equal("POST", gather.Attribute("method")!.Value);
        Assert.Equal("auto", gather.Attribute("speechTimeout")!.Value);
        Assert.Contains("Say a command", gather.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.Equal(["Gather", "Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Contains("action=\"/webhooks/voice/command?a=1&amp;b=2\"", twiml, StringComparison.Ordinal);
    }

    [Fact]
    public void VoiceRefusal_ControlCharacters_DroppedSoDocumentStaysValid()
    {
        var twiml = TwilioReplies.VoiceRefusal("bad\u0001text\u0008here").ToString();

        Assert.Equal("badtexthere", XDocument.Parse(twiml).Root!.Element("Say")!.Value);
    }

    [Fact]
    public void Sms_ControlCharacters_DroppedSoDocumentStaysValid()
    {
        var twiml = TwilioReplies.Sms("ok\u0000 then").ToString();

        Assert.Equal("ok then", XDocument.Parse(twiml).Root!.Element("Message")!.Value);
    }

    [Fact]
    public void Announcement_Lines_SaidInOrderThenHangup()
    {
        var root = XDocument.Parse(TwilioReplies.Announcement("One.", "Two.").ToString()).Root!;

        Assert.Equal(["Say", "Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["One.", "Two."], root.Elements("Say").Select(e => e.Value));
    }
}
