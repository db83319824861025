using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Twilio;
using DurableObjects.Orchestrations.Commands;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Webhooks;

/// <summary>
/// Twilio's SMS and voice webhooks. They sit outside <c>/api</c> authentication: the request's
/// <c>X-Twilio-Signature</c> is their authentication (checked by <c>RequireTwilioSignature</c> before any handler
/// runs; a bad one gets 403 and nothing executes), and the sender's verified phone is their identity.
/// </summary>
public static class TwilioWebhooks
{
    public const string SmsPath = "/webhooks/sms";
    public const string VoicePath = "/webhooks/voice";
    public const string VoiceCommandPath = "/webhooks/voice/command";

    public static RouteGroupBuilder MapTwilioWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Twilio webhooks").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.MapPost(SmsPath, SmsAsync).RequireTwilioSignature();
        group.MapPost(VoicePath, VoiceAsync).RequireTwilioSignature();
        group.MapPost(VoiceCommandPath, VoiceCommandAsync).RequireTwilioSignature();
        return group;
    }

    /// <summary>A text message: identify the sender, run the command (or take a verification code), answer with &lt;Message&gt;.</summary>
    private static async Task<IResult> SmsAsync(HttpRequest request, PhoneCommandGateway gateway)
    {
        var form = await TwilioWebhookForm.ReadAsync(request, request.HttpContext.RequestAborted);
        var answer = await gateway.HandleAsync(form.From, form.Body, NotificationChannel.Sms, request.HttpContext.RequestAborted);
        return TwilioReplies.Sms(answer.Text).ToResult();
    }

    /// <summary>A call comes in: greet a verified caller and listen for a command; refuse anyone else.</summary>
    private static async Task<IResult> VoiceAsync(HttpRequest request, PhoneCommandGateway gateway, IOptions<TwilioOptions> twilio)
    {
        var form = await TwilioWebhookForm.ReadAsync(request, request.HttpContext.RequestAborted);
        var user = await gateway.IdentifyAsync(form.From, request.HttpContext.RequestAborted);
        return user is null
            ? TwilioReplies.VoiceRefusal(PhoneCommandGateway.UnknownNumber).ToResult()
            : TwilioReplies.VoiceWelcome(CommandUrl(twilio.Value), $"Hello {user.Id}, welcome to Durable Objects.").ToResult();
    }

    /// <summary>What the caller said: run it, say the result, offer another command.</summary>
    private static async Task<IResult> VoiceCommandAsync(HttpRequest request, PhoneCommandGateway gateway, IOptions<TwilioOptions> twilio)
    {
        var form = await TwilioWebhookForm.ReadAsync(request, request.HttpContext.RequestAborted);
        var commandUrl = CommandUrl(twilio.Value);
        if (string.IsNullOrWhiteSpace(form.SpeechResult))
        {
            return await gateway.IdentifyAsync(form.From, request.HttpContext.RequestAborted) is null
                ? TwilioReplies.VoiceRefusal(PhoneCommandGateway.UnknownNumber).ToResult()
                : TwilioReplies.VoiceResult("Sorry, I didn't catch that.", commandUrl).ToResult();
        }
        var answer = await gateway.HandleAsync(form.From, form.SpeechResult, NotificationChannel.Voice, request.HttpContext.RequestAborted);
        return answer.Identified
            ? TwilioReplies.VoiceResult(answer.Text, commandUrl).ToResult()
            : TwilioReplies.VoiceRefusal(answer.Text).ToResult();
    }

    /// <summary>Absolute behind a proxy (<c>PUBLIC_BASE_URL</c>), else relative: Twilio resolves it against the call's URL.</summary>
    private static string CommandUrl(TwilioOptions twilio) =>
        string.IsNullOrWhiteSpace(twilio.PublicBaseUrl) ? VoiceCommandPath : twilio.PublicBaseUrl.TrimEnd('/') + VoiceCommandPath;
}
