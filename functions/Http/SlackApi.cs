using DurableObjects.Channels;
using DurableObjects.Channels.Slack;
using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Slack;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>
/// The caller's Slack link (a code by Slack direct message to the member id given, typed back here; only a linked
/// member can approve runs or run commands from Slack, as this user) and Slack channel information.
/// </summary>
public static class SlackApi
{
    /// <summary>Body of <c>PUT /api/me/slack</c>: the Slack member id (Profile → ⋮ → Copy member ID), e.g. U0123ABCD.</summary>
    public sealed record SlackLinkRequest(string? SlackUserId);

    /// <summary>Body of <c>POST /api/me/slack/verify</c>.</summary>
    public sealed record SlackVerifyRequest(string? Code);

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
        SlackLinkRequest request, HttpContext http, UserStore users, SlackLinkService service)
    {
        if (await users.GetAsync(http.User.ToActor().UserId, http.RequestAborted) is not { } me)
        {
            return Problems.NotFound("Your user no longer exists.");
        }
        var result = await service.StartAsync(me, request.SlackUserId, http.RequestAborted);
        return result.Status switch
        {
            SlackLinkStatus.Ok => TypedResults.Accepted("/api/me/slack",
                new SlackLinkPending(result.SlackUserId!, "pending", result.Delivery?.ToString().ToLowerInvariant() ?? "failed")),
            SlackLinkStatus.AlreadyLinked => TypedResults.Ok(new SlackLinkView(result.SlackUserId, true)),
            SlackLinkStatus.InvalidMemberId => Problems.Invalid("slackUserId", "A Slack member id, e.g. U0123ABCD (Profile, then Copy member ID)."),
            SlackLinkStatus.TakenByAnotherUser => Problems.From(new OperationError(ErrorKind.Conflict, "That Slack account is linked to another user.")),
            SlackLinkStatus.TooSoon => TooMany("A code was sent moments ago; wait half a minute before asking again."),
            _ => Problems.From(new OperationError(ErrorKind.Invalid, "The Slack account could not be linked.")),
        };
    }

    private static async Task<Results<Ok<SlackLinkView>, ProblemHttpResult>> VerifyAsync(SlackVerifyRequest request, HttpContext http, SlackLinkService service)
    {
        if (VerificationCodes.Extract(request.Code) is null)
        {
            return Problems.Invalid("code", "The 6-digit code from the Slack message.");
        }
        var result = await service.VerifyAsync(http.User.ToActor().UserId, request.Code, http.RequestAborted);
        return result.Status switch
        {
            SlackLinkStatus.Ok or SlackLinkStatus.AlreadyLinked => TypedResults.Ok(new SlackLinkView(result.SlackUserId, true)),
            SlackLinkStatus.WrongCode => Problems.Invalid("code", $"That is not the code that was sent. {result.AttemptsLeft} attempt(s) left."),
            SlackLinkStatus.Expired => Problems.From(new OperationError(ErrorKind.Gone, "The code has expired; ask for a new one with PUT /api/me/slack.")),
            SlackLinkStatus.TooManyAttempts => TooMany("Too many wrong codes; ask for a new one with PUT /api/me/slack."),
            SlackLinkStatus.TakenByAnotherUser => Problems.From(new OperationError(ErrorKind.Conflict, "That Slack account is linked to another user.")),
            _ => Problems.From(new OperationError(ErrorKind.Conflict, "No code is waiting; ask for one with PUT /api/me/slack.")),
        };
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

    private static ProblemHttpResult TooMany(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail);
}
