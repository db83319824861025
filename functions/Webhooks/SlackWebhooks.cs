using DurableObjects.Channels.Slack;
using DurableObjects.Orchestrations.Slack;

namespace DurableObjects.Functions.Webhooks;

/// <summary>
/// Slack's interaction (button clicks) and slash-command webhooks. Outside <c>/api</c> authentication: the request's
/// <c>X-Slack-Signature</c> (HMAC-SHA256 with <c>SLACK_SIGNING_SECRET</c>, at most five minutes old) is their
/// authentication, checked by <c>RequireSlackSignature</c> before any handler runs (403 and nothing runs otherwise);
/// the Slack member's verified link is their identity.
/// </summary>
public static class SlackWebhooks
{
    public const string InteractionsPath = "/webhooks/slack/interactions";
    public const string CommandsPath = "/webhooks/slack/commands";

    public static RouteGroupBuilder MapSlackWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Slack webhooks").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.MapPost(InteractionsPath, InteractionAsync).RequireSlackSignature();
        group.MapPost(CommandsPath, CommandAsync).RequireSlackSignature();
        return group;
    }

    /// <summary>A button click (form field <c>payload</c>): approve or reject the run as the linked user; Slack only needs a 200.</summary>
    private static async Task<IResult> InteractionAsync(HttpRequest request, SlackCommandGateway gateway)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : FormCollection.Empty;
        if (SlackBlockAction.Parse(form["payload"].ToString()) is not { } action)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: "Expected a block_actions payload.");
        }
        await gateway.DecideAsync(action, request.HttpContext.RequestAborted);
        return TypedResults.Ok();
    }

    /// <summary><c>/durableobjects &lt;command&gt;</c>: run it as the linked user and answer only them (ephemeral).</summary>
    private static async Task<IResult> CommandAsync(HttpRequest request, SlackCommandGateway gateway)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : FormCollection.Empty;
        var reply = await gateway.CommandAsync(form["user_id"].ToString(), form["text"].ToString(), request.HttpContext.RequestAborted);
        return TypedResults.Json(new SlashCommandReply("ephemeral", reply));
    }

    /// <summary>The immediate answer to a slash command (Slack's <c>response_type</c> and <c>text</c>).</summary>
    public sealed record SlashCommandReply(
        [property: System.Text.Json.Serialization.JsonPropertyName("response_type")] string ResponseType,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text);
}
