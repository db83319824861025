using System.Xml.Linq;
using DurableObjects.Channels.Twilio;

namespace DurableObjects.Channels.UnitTests.Twilio;

public sealed class TwimlResponseTests
{
    [Fact]
    public void ToString_Message_EscapesXml()
    {
        var twiml = new TwimlResponse().Message("5 < 6 & \"quotes\" </Message><Hangup/>").ToString();

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>", twiml, StringComparison.Ordinal);
        var message = XDocument.Parse(twiml).Root!.Element("Message")!;
        Assert.Equal("5 < 6 & \"quotes\" </Message><Hangup/>", message.Value);
        Assert.Null(XDocument.Parse(twiml).Root!.Element("Hangup"));
    }

    [Fact]
    public void ToString_GatherSpeech_HasSpeechInputActionPostAndPrompt()
    {
        var twiml = new TwimlResponse().GatherSpeech("/webhooks/voice/command?a=1&b=2", "Say a command.").Say("Goodbye.").Hangup().ToString();

        var root = XDocument.Parse(twiml).Root!;
        var gather = root.Element("Gather")!;
        Assert.Equal("speech", gather.Attribute("input")!.Value);
        Assert.Equal("/webhooks/voice/command?a=1&b=2", gather.Attribute("action")!.Value);
        Assert.Equal("POST", gather.Attribute("method")!.Value);
        Assert.Equal("Say a command.", gather.Element("Say")!.Value);
        Assert.Equal(["Gather", "Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Contains("action=\"/webhooks/voice/command?a=1&amp;b=2\"", twiml, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ControlCharacters_DroppedSoDocumentStaysValid()
    {
        var twiml = new TwimlResponse().Say("bad\u0001text\u0008here").ToString();

        Assert.Equal("badtexthere", XDocument.Parse(twiml).Root!.Element("Say")!.Value);
    }

    [Fact]
    public void ToString_SayWithVoice_SetsVoiceAttribute()
    {
        var twiml = new TwimlResponse().Say("Hello", "Polly.Joanna").ToString();

        Assert.Equal("Polly.Joanna", XDocument.Parse(twiml).Root!.Element("Say")!.Attribute("voice")!.Value);
    }
}
