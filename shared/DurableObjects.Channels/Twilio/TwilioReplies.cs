namespace DurableObjects.Channels.Twilio;

/// <summary>The TwiML documents the SMS and voice webhooks answer with.</summary>
public static class TwilioReplies
{
    /// <summary>Default voice prompt offering a command.</summary>
    public const string CommandPrompt = "Say a command, for example: deploy Calculator to staging. Or say help.";

    /// <summary>An SMS reply; long text becomes several numbered &lt;Message&gt; verbs.</summary>
    public static TwimlResponse Sms(string text)
    {
        var twiml = new TwimlResponse();
        foreach (var part in SmsSplitter.Split(text))
        {
            twiml.Message(part);
        }

        return twiml;
    }

    /// <summary>Greets a caller and listens for a spoken command, posted to <paramref name="commandUrl"/>.</summary>
    public static TwimlResponse VoiceWelcome(string commandUrl, string greeting = "Welcome to Durable Objects.") =>
        new TwimlResponse()
            .GatherSpeech(commandUrl, $"{greeting} {CommandPrompt}")
            .Say("I didn't hear anything. Goodbye.")
            .Hangup();

    /// <summary>Speaks a command's result and offers another command; hangs up if the caller says nothing.</summary>
    public static TwimlResponse VoiceResult(string result, string commandUrl) =>
        new TwimlResponse()
            .Say(result)
            .GatherSpeech(commandUrl, "Anything else? Say another command, or hang up.")
            .Say("Goodbye.")
            .Hangup();

    /// <summary>Refuses politely (unknown or unverified caller) and hangs up.</summary>
    public static TwimlResponse VoiceRefusal(string reason) => new TwimlResponse().Say(reason).Hangup();
}
