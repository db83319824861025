using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Twilio;
using DurableObjects.Orchestrations.Commands;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Webhooks;

/// <summary>
/// Twilio's SMS and voice webhooks. They sit outside <c>/api</c> authentication: the request's
/// <c>X-Twilio-Signature</c> is their authentication (checked by <c>RequireTwilioSignature</c> before any handler
/// runs; a bad one gets 403 and nothing executes), and the sender's verified phone is their identity (a disabled
/// account's phone is refused, saying so). Each delivery of an enabled user that changed something is answered once
/// (<see cref="WebhookReplyStore"/>): a repeated MessageSid, or CallSid and turn, gets the same reply again and runs
/// nothing.
/// </summary>
public static class TwilioWebhooks
{
    public const string SmsPath = "/webhooks/sms";
    public const string VoicePath = "/webhooks/voice";
    public const string VoiceCommandPath = "/webhooks/voice/command";

    private const string StillWorkingSms = "Still working on that message; I'll answer it once.";
    private const string StillWorkingVoice = "Still working on that. Please wait a moment.";

    public static RouteGroupBuilder MapTwilioWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Twilio webhooks").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.MapPost(SmsPath, SmsAsync).RequireTwilioSignature();
        group.MapPost(VoicePath, VoiceAsync).RequireTwilioSignature();
        group.MapPost(VoiceCommandPath, VoiceCommandAsync).RequireTwilioSignature();
        return group;
    }

    /// <summary>A text message: identify the sender, run the command (or take a verification code), answer with &lt;Message&gt;.</summary>
    private static async Task<IResult> SmsAsync(HttpRequest request, PhoneCommandGateway gateway, WebhookReplyStore replies)
    {
        var cancel = request.HttpContext.RequestAborted;
        var form = await TwilioWebhookForm.ReadAsync(request, cancel);
        var known = PhoneCommandGateway.Refusal(await gateway.IdentifyAsync(form.From, cancel)) is null;
        return await OnceAsync(replies, "sms", known ? form.Sid : null, TwilioReplies.Sms(StillWorkingSms).ToString(), async ct =>
        {
            var answer = await gateway.HandleAsync(form.From, form.Body, NotificationChannel.Sms, ct);
            return (TwilioReplies.Sms(answer.Text).ToString(), answer.Changed);
        }, cancel);
    }

    /// <summary>A call comes in: greet a verified caller and listen for a command (turn 1); refuse anyone else.</summary>
    private static async Task<IResult> VoiceAsync(HttpRequest request, PhoneCommandGateway gateway, IOptions<TwilioOptions> twilio, WebhookReplyStore replies)
    {
        var cancel = request.HttpContext.RequestAborted;
        var form = await TwilioWebhookForm.ReadAsync(request, cancel);
        var busy = TwilioReplies.VoiceWelcome(CommandUrl(twilio.Value, 1), StillWorkingVoice).ToString();
        var user = await gateway.IdentifyAsync(form.From, cancel);
        var refusal = PhoneCommandGateway.Refusal(user);
        return await OnceAsync(replies, "voice", form.Sid is { } sid && refusal is null ? sid + "-0" : null, busy, _ =>
        {
            // A greeting changes nothing: nothing to remember.
            return Task.FromResult(((refusal is not null
                ? TwilioReplies.VoiceRefusal(refusal)
                : TwilioReplies.VoiceWelcome(CommandUrl(twilio.Value, 1), $"Hello {user!.Id}, welcome to Durable Objects.")).ToString(), false));
        }, cancel);
    }

    /// <summary>
    /// What the caller said: run it, say the result, offer another command. The turn travels in the &lt;Gather&gt;
    /// action's query (signed with the URL), so each turn of a call is answered once.
    /// </summary>
    private static async Task<IResult> VoiceCommandAsync(HttpRequest request, PhoneCommandGateway gateway, IOptions<TwilioOptions> twilio, WebhookReplyStore replies)
    {
        var cancel = request.HttpContext.RequestAborted;
        var form = await TwilioWebhookForm.ReadAsync(request, cancel);
        var turn = int.TryParse(request.Query["turn"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t is > 0 and < 10_000 ? t : (int?)null;
        var next = CommandUrl(twilio.Value, (turn ?? 0) + 1);
        // Without a turn (an older call's action URL), the words said tell repeats of one turn apart from the next.
        var known = PhoneCommandGateway.Refusal(await gateway.IdentifyAsync(form.From, cancel)) is null;
        var id = form.Sid is not { } sid || !known ? null
            : turn is { } n ? $"{sid}-{n}"
            : $"{sid}-s{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(form.SpeechResult ?? "")))[..16]}";
        return await OnceAsync(replies, "voice", id, TwilioReplies.VoiceResult(StillWorkingVoice, next).ToString(), async ct =>
        {
            if (string.IsNullOrWhiteSpace(form.SpeechResult))
            {
                return ((PhoneCommandGateway.Refusal(await gateway.IdentifyAsync(form.From, ct)) is { } refused
                    ? TwilioReplies.VoiceRefusal(refused)
                    : TwilioReplies.VoiceResult("Sorry, I didn't catch that.", next)).ToString(), false);
            }
            var answer = await gateway.HandleAsync(form.From, form.SpeechResult, NotificationChannel.Voice, ct);
            return ((answer.Identified ? TwilioReplies.VoiceResult(answer.Text, next) : TwilioReplies.VoiceRefusal(answer.Text)).ToString(), answer.Changed);
        }, cancel);
    }

    private static async Task<IResult> OnceAsync(
        WebhookReplyStore replies, string webhook, string? id, string busyTwiml, Func<CancellationToken, Task<(string Reply, bool Remember)>> answer,
        CancellationToken cancellationToken)
    {
        // Only a verified caller's requests can run anything, so only theirs are remembered (a stranger's refusal
        // leaves storage untouched). Twilio always sends its SID; without one a request cannot be recognized again.
        var twiml = id is null
            ? (await answer(cancellationToken)).Reply
            : await replies.AnswerOnceAsync(webhook, id, answer, busyTwiml, cancellationToken: cancellationToken);
        return TwilioEndpointExtensions.TwimlResult(twiml);
    }

    /// <summary>Absolute behind a proxy (<c>PUBLIC_BASE_URL</c>), else relative: Twilio resolves it against the call's URL.</summary>
    private static string CommandUrl(TwilioOptions twilio, int turn)
    {
        var path = $"{VoiceCommandPath}?turn={turn.ToString(CultureInfo.InvariantCulture)}";
        return string.IsNullOrWhiteSpace(twilio.PublicBaseUrl) ? path : twilio.PublicBaseUrl.TrimEnd('/') + path;
    }
}
