using System.Security.Cryptography;
using System.Text;
using DurableObjects.Channels.Http;
using DurableObjects.Channels.Slack;
using DurableObjects.Orchestrations.Commands;
using DurableObjects.Orchestrations.Slack;

namespace DurableObjects.Functions.Webhooks;

/// <summary>
/// Slack's interaction (button clicks) and slash-command webhooks. Outside <c>/api</c> authentication: the request's
/// <c>X-Slack-Signature</c> (HMAC-SHA256 with <c>SLACK_SIGNING_SECRET</c>, at most five minutes old) is their
/// authentication, checked by <c>RequireSlackSignature</c> before any handler runs (403 and nothing runs otherwise);
/// the Slack member's verified link is their identity. Each signed delivery acts once (<see cref="WebhookReplyStore"/>):
/// the same request replayed within the signature's window gets the first reply and runs nothing.
/// </summary>
public static class SlackWebhooks
{
    public const string InteractionsPath = "/webhooks/slack/interactions";
    public const string CommandsPath = "/webhooks/slack/commands";

    private const string StillWorking = "Still working on that command; I'll answer it once.";

    /// <summary>How long a repeat waits for the first delivery's reply: Slack shows a timeout after 3 s without an answer.</summary>
    private static readonly TimeSpan SlackWaitForFirst = TimeSpan.FromSeconds(2);

    public static RouteGroupBuilder MapSlackWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Slack webhooks").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.MapPost(InteractionsPath, InteractionAsync).RequireSlackSignature();
        group.MapPost(CommandsPath, CommandAsync).RequireSlackSignature();
        return group;
    }

    /// <summary>
    /// A button click (form field <c>payload</c>): approve or reject the run as the linked user; Slack only needs a
    /// 200. Every click that was answered (decided or refused) is remembered, since each posts to its
    /// <c>response_url</c>: a repeat decides nothing and posts nothing.
    /// </summary>
    private static async Task<IResult> InteractionAsync(HttpRequest request, SlackCommandGateway gateway, WebhookReplyStore replies)
    {
        var cancel = request.HttpContext.RequestAborted;
        var form = await request.ReadFormOrRejectAsync(cancel);
        if (SlackBlockAction.Parse(form["payload"].ToString()) is not { } action)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: "Expected a block_actions payload.");
        }
        await replies.AnswerOnceAsync("slack-interaction", DeliveryId(request), async ct =>
        {
            var result = await gateway.DecideAsync(action, ct);
            return (result?.Text ?? "", result is not null);
        }, "", SlackWaitForFirst, cancel);
        return TypedResults.Ok();
    }

    /// <summary>
    /// <c>/durableobjects &lt;command&gt;</c>: run it as the linked user and answer only them (ephemeral). A command
    /// that changed something is remembered: a repeat gets the same reply and runs nothing.
    /// </summary>
    private static async Task<IResult> CommandAsync(HttpRequest request, SlackCommandGateway gateway, WebhookReplyStore replies)
    {
        var cancel = request.HttpContext.RequestAborted;
        var form = await request.ReadFormOrRejectAsync(cancel);
        var reply = await replies.AnswerOnceAsync("slack-command", DeliveryId(request), async ct =>
        {
            var result = await gateway.CommandAsync(form["user_id"].ToString(), form["text"].ToString(), ct);
            return (result.Text, result.Changed);
        }, StillWorking, SlackWaitForFirst, cancel);
        return TypedResults.Json(new SlashCommandReply("ephemeral", reply));
    }

    /// <summary>
    /// What tells one signed delivery from another: SHA-256 of <c>X-Slack-Request-Timestamp</c> and
    /// <c>X-Slack-Signature</c>. The signature is the HMAC of timestamp and raw body, so a replay repeats it exactly
    /// (the validator accepts only the one lowercase form), while any other delivery — another click, or the same
    /// command typed again, which Slack sends with a new <c>trigger_id</c> and timestamp — has another. Not
    /// <c>trigger_id</c> or payload ids: they live in the body, differ by payload type and are not in every one.
    /// Only called after <c>RequireSlackSignature</c> passed, so both headers are present and valid.
    /// </summary>
    private static string DeliveryId(HttpRequest request)
    {
        var timestamp = request.Headers[SlackSignatureValidator.TimestampHeader].ToString().Trim();
        var signature = request.Headers[SlackSignatureValidator.SignatureHeader].ToString().Trim().ToLowerInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{timestamp}:{signature}")));
    }

    /// <summary>The immediate answer to a slash command (Slack's <c>response_type</c> and <c>text</c>).</summary>
    public sealed record SlashCommandReply(
        [property: System.Text.Json.Serialization.JsonPropertyName("response_type")] string ResponseType,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text);
}
