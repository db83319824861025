using System.ComponentModel.DataAnnotations;
using DurableObjects.Channels;
using DurableObjects.Channels.Slack;
using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Slack;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>
/// The caller's Slack link (a code by Slack direct message to the member id given, typed back here; only a linked
/// member can approve runs or run commands from Slack, as this user) and Slack channel information. The link's
/// rules are <see cref="SlackAccountService"/>'s; this class only translates HTTP to its calls and back.
/// </summary>
public static class SlackApi
{
    /// <summary>Body of <c>PUT /api/me/slack</c>: the Slack member id (Profile → ⋮ → Copy member ID), e.g. U0123ABCD.</summary>
    public sealed record SlackLinkRequest([property: Required] string? SlackUserId);

    /// <summary>Body of <c>POST /api/me/slack/verify</c>.</summary>
    public sealed record SlackVerifyRequest([property: Required] string? Code);

    /// <summary>A code is on its way (<c>sent</c> by Slack DM, or <c>outboxed</c> when Slack is not configured).</summary>
    public sealed record SlackLinkPending(string SlackUserId, string Status, string Delivery);

    /// <summary>The caller's link.</summary>
    public sealed record SlackLinkView(string? SlackUserId, bool Linked);

    public static RouteGroupBuilder MapSlackApi(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/me/slack").WithTags("Slack").RequireAuthorization(AuthPolicies.Read);
        me.MapGet("", GetAsync).WithSummary("Your linked Slack member id, if any.");
        me.MapPut("", LinkAsync).WithSummary("Link your Slack account: a 6-digit code goes to that member by Slack direct message.");
        me.MapPost("/verify", VerifyAsync).WithSummary("Confirm the Slack link with the code you received in Slack.");
        me.MapDelete("", UnlinkAsync).WithSummary("Forget your Slack link; that member stops acting as you at once.");
        routes.MapGroup("/api/slack").WithTags("Slack").RequireAuthorization(AuthPolicies.Read)
            .MapGet("/channels/{channel}", ChannelAsync).WithSummary("A Slack channel's information (conversations.info), e.g. to check an approval or monitor channel.");
        return me;
    }

    private static async Task<Ok<SlackLinkView>> GetAsync(HttpContext http, SlackLinkStore links)
    {
        var member = await links.LinkedMemberAsync(http.User.ToActor().UserId, http.RequestAborted);
        return TypedResults.Ok(new SlackLinkView(member, member is not null));
    }

    private static async Task<Results<Accepted<SlackLinkPending>, Ok<SlackLinkView>, ProblemHttpResult>> LinkAsync(
        SlackLinkRequest request, HttpContext http, SlackAccountService accounts)
    {
        var outcome = await accounts.StartLinkAsync(http.User.ToActor().UserId, request.SlackUserId, http.RequestAborted);
        if (outcome is not { Succeeded: true, Value: { } result })
        {
            return Problems.From(outcome.Error!);
        }
        return result.Status == SlackLinkStatus.AlreadyLinked
            ? TypedResults.Ok(new SlackLinkView(result.SlackUserId, true))
            : TypedResults.Accepted("/api/me/slack",
                new SlackLinkPending(result.SlackUserId!, "pending", result.Delivery?.ToString().ToLowerInvariant() ?? "failed"));
    }

    private static async Task<Results<Ok<SlackLinkView>, ProblemHttpResult>> VerifyAsync(SlackVerifyRequest request, HttpContext http, SlackAccountService accounts)
    {
        var outcome = await accounts.VerifyLinkAsync(http.User.ToActor().UserId, request.Code, http.RequestAborted);
        return outcome is { Succeeded: true, Value: { } result }
            ? TypedResults.Ok(new SlackLinkView(result.SlackUserId, true))
            : Problems.From(outcome.Error!);
    }

    private static async Task<NoContent> UnlinkAsync(HttpContext http, SlackLinkService service)
    {
        await service.RemoveAsync(http.User.ToActor().UserId, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SlackChannelInfo>, ProblemHttpResult>> ChannelAsync(string channel, SlackClient slack, HttpContext http)
    {
        if (channel.Length is 0 or > 80 || !channel.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return Problems.Invalid("channel", "A Slack channel id, e.g. C0123ABCD.");
        }
        try
        {
            return TypedResults.Ok(await slack.GetChannelInfoAsync(channel, http.RequestAborted));
        }
        catch (ChannelException e) when (e.ProviderCode == "not_configured")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Slack is not configured", detail: "Set SLACK_BOT_TOKEN.");
        }
        catch (ChannelException e) when (e.ProviderCode == "channel_not_found")
        {
            return Problems.NotFound($"Slack has no channel '{channel}' visible to this app.");
        }
        catch (ChannelException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Slack refused", detail: e.ProviderCode);
        }
    }
}
