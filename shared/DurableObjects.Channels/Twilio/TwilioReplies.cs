using Twilio.TwiML;
using Twilio.TwiML.Voice;

namespace DurableObjects.Channels.Twilio;

/// <summary>The TwiML documents the SMS and voice webhooks (and notification calls) answer with, built with the Twilio SDK.</summary>
public static class TwilioReplies
{
    /// <summary>Default voice prompt offering a command.</summary>
    public const string CommandPrompt = "Say a command, for example: deploy Calculator to staging. Or say help.";

    /// <summary>An SMS reply; long text becomes several numbered &lt;Message&gt; verbs.</summary>
    public static MessagingResponse Sms(string text)
    {
        var twiml = new MessagingResponse();
        foreach (var part in SmsSplitter.Split(TwimlText.Clean(text)))
        {
            twiml.Message(part);
        }

        return twiml;
    }

    /// <summary>Greets a caller and listens for a spoken command, posted to <paramref name="commandUrl"/>.</summary>
    public static VoiceResponse VoiceWelcome(string commandUrl, string greeting = "Welcome to Durable Objects.") =>
        Speak(new VoiceResponse().Append(GatherSpeech(commandUrl, $"{greeting} {CommandPrompt}")), "I didn't hear anything. Goodbye.").Hangup();

    /// <summary>Speaks a command's result and offers another command; hangs up if the caller says nothing.</summary>
    public static VoiceResponse VoiceResult(string result, string commandUrl) =>
        Speak(Speak(new VoiceResponse(), result).Append(GatherSpeech(commandUrl, "Anything else? Say another command, or hang up.")), "Goodbye.").Hangup();

    /// <summary>Refuses politely (unknown or unverified caller) and hangs up.</summary>
    public static VoiceResponse VoiceRefusal(string reason) => Speak(new VoiceResponse(), reason).Hangup();

    /// <summary>A notification call: says <paramref name="lines"/> one after another, then hangs up.</summary>
    public static VoiceResponse Announcement(params string[] lines)
    {
        var twiml = new VoiceResponse();
        foreach (var line in lines)
        {
            Speak(twiml, line);
        }

        return twiml.Hangup();
    }

    /// <summary>
    /// &lt;Gather input="speech"&gt; that speaks <paramref name="prompt"/>; Twilio POSTs the transcript as
    /// <c>SpeechResult</c> to <paramref name="action"/> (absolute, or relative to the call's URL).
    /// </summary>
    public static Gather GatherSpeech(string action, string prompt)
    {
        ArgumentNullException.ThrowIfNull(action);
        var gather = new Gather(
            input: [Gather.InputEnum.Speech],
            action: new Uri(TwimlText.Clean(action), UriKind.RelativeOrAbsolute),
            method: global::Twilio.Http.HttpMethod.Post,
            speechTimeout: "auto");
        return gather.Say(TwimlText.Clean(prompt));
    }

    private static VoiceResponse Speak(VoiceResponse twiml, string text) => twiml.Say(TwimlText.Clean(text));
}
