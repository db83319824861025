using System.Xml.Linq;
using DurableObjects.Channels.Twilio;

namespace DurableObjects.Channels.UnitTests.Twilio;

public sealed class TwilioRepliesTests
{
    [Fact]
    public void VoiceWelcome_CommandUrl_GathersSpeechPostingToCommandUrl()
    {
        var root = XDocument.Parse(TwilioReplies.VoiceWelcome("https://objects.example.com/webhooks/voice/command").ToString()).Root!;

        var gather = root.Element("Gather")!;
        Assert.Equal("speech", gather.Attribute("input")!.Value);
        Assert.Equal("https://objects.example.com/webhooks/voice/command", gather.Attribute("action")!.Value);
        Assert.Contains("Say a command", gather.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.NotNull(root.Element("Hangup"));
    }

    [Fact]
    public void VoiceResult_Result_SaysItThenOffersAnotherCommand()
    {
        var root = XDocument.Parse(TwilioReplies.VoiceResult("Calculator is deploying.", "/webhooks/voice/command").ToString()).Root!;

        Assert.Equal("Calculator is deploying.", root.Elements().First().Value);
        Assert.Equal("Gather", root.Elements().ElementAt(1).Name.LocalName);
    }

    [Fact]
    public void Sms_LongReply_SeveralMessages()
    {
        var root = XDocument.Parse(TwilioReplies.Sms(string.Join(' ', Enumerable.Repeat("word", 500))).ToString()).Root!;

        Assert.Equal(2, root.Elements("Message").Count());
    }
}
