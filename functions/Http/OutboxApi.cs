using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Outbox;
using DurableObjects.Functions.Auth;
using DurableObjects.Shared.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Messages the system could not send (channel not configured, provider refused), whole, newest first. Admins see
/// every message; everyone else sees the messages addressed to them: their verified phone, their email and Slack
/// target, and their pending phone while its code is theirs (so a fresh machine shows them their code).
/// </summary>
public static class OutboxApi
{
    /// <summary>One undelivered message as the API shows it.</summary>
    public sealed record OutboxItemResponse(
        string Id, DateTimeOffset CreatedAt, string Channel, string Target, string Subject, string Text, string? Html,
        IReadOnlyList<NotificationLink> Links, string CorrelationId, string Reason, string Detail)
    {
        public static OutboxItemResponse From(OutboxMessage m) => new(
            m.Id, m.CreatedAt, m.Notification.Channel.ToString().ToLowerInvariant(), m.Notification.Target, m.Notification.Subject,
            m.Notification.Text, m.Notification.Html, m.Notification.Links, m.Notification.CorrelationId, m.Reason.ToString(), m.Detail);
    }

    public static RouteGroupBuilder MapOutboxApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/outbox").WithTags("Outbox").RequireAuthorization(AuthPolicies.Read);
        group.MapGet("/", ListAsync).WithSummary("Undelivered messages, newest first (admins: all; others: their own), by channel, a page at a time.");
        return group;
    }

    private static async Task<Results<Ok<PageResponse<OutboxItemResponse>>, ProblemHttpResult>> ListAsync(
        HttpContext http, IOutbox outbox, UserStore users, PhoneStore phones, string? channel, int? pageSize, string? continuationToken)
    {
        if (Paging.Check(pageSize, continuationToken, out var storeToken) is { } badPage)
        {
            return badPage;
        }
        NotificationChannel? only = null;
        if (channel is not null)
        {
            if (!Enum.TryParse<NotificationChannel>(channel, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsAsciiDigit(channel[0]))
            {
                return Problems.Invalid("channel", $"One of {NotificationChannels.AllNames}.");
            }
            only = parsed;
        }
        var actor = http.User.ToActor();
        IReadOnlyCollection<string>? targets = null;
        if (!actor.IsAdmin)
        {
            var me = await users.GetAsync(actor.UserId, http.RequestAborted);
            if (me is null)
            {
                return Problems.NotFound("Your user no longer exists.");
            }
            var pending = await phones.OwnPendingPhoneAsync(me, http.RequestAborted);
            targets = new[] { me.Phone, pending, me.Email, me.Slack }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }
        var page = await outbox.ListAsync(new OutboxQuery(pageSize ?? Paging.DefaultSize, storeToken, only, null, targets), http.RequestAborted);
        return TypedResults.Ok(new PageResponse<OutboxItemResponse>(page.Items.Select(OutboxItemResponse.From).ToList(), Paging.Seal(page.ContinuationToken)));
    }
}
