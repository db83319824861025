using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Slack;
using DurableObjects.Orchestrations.Phones;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Slack;

/// <summary>
/// Links a Slack member to a user: a six-digit code goes to that member by Slack direct message (to the outbox when
/// Slack is not configured) and the signed-in user types it back. Only a linked member can approve runs or run
/// commands from Slack, and only as that user. Uses the phone settings (<c>Phones:*</c>) for code lifetime and tries.
/// </summary>
/// <remarks>Trust model: every method takes a user authenticated by API token. Codes are never logged or audited.</remarks>
public sealed class SlackLinkService(
    SlackLinkStore links,
    INotificationService notifications,
    AuditLog audit,
    TimeProvider clock,
    IOptions<PhoneVerificationOptions> options)
{
    /// <summary>Sends a code to <paramref name="slackUserId"/> for <paramref name="user"/>.</summary>
    public async Task<SlackLinkResult> StartAsync(UserAccount user, string? slackUserId, CancellationToken cancellationToken = default)
    {
        var member = slackUserId?.Trim();
        if (!SlackUserIds.IsValid(member))
        {
            return new SlackLinkResult(SlackLinkStatus.InvalidMemberId);
        }
        var settings = options.Value;
        var code = VerificationCodes.Generate();
        var claim = await links.ClaimAsync(user.Id, member!, code, clock.GetUtcNow(), settings.CodeLifetime, settings.ResendCooldown, cancellationToken);
        if (claim.Status != SlackLinkStatus.Ok)
        {
            return claim;
        }
        var minutes = Math.Max(1, (int)settings.CodeLifetime.TotalMinutes);
        var sent = await notifications.NotifyAsync(new Notification
        {
            Channel = NotificationChannel.Slack,
            Target = member!,
            Subject = "Durable Objects",
            Text = $"Your code is {code}. Enter it in the app to link this Slack account to user '{user.Id}'. It expires in {minutes} min. Didn't ask? Ignore this.",
            CorrelationId = "slack-link-" + Guid.NewGuid().ToString("n"),
        }, cancellationToken);
        await audit.AppendAsync(SlackAuditEvents.VerificationSent, AuditEventTypes.UserSubject(user.Id), user.Id,
            new Dictionary<string, string> { ["slackUser"] = member!, ["delivery"] = sent.Status.ToString().ToLowerInvariant() }, cancellationToken);
        return claim with { Delivery = sent.Status };
    }

    /// <summary>Checks the code the user typed.</summary>
    public async Task<SlackLinkResult> VerifyAsync(string userId, string? code, CancellationToken cancellationToken = default)
    {
        var result = await links.VerifyAsync(userId, VerificationCodes.Extract(code) ?? (code ?? "").Trim(), clock.GetUtcNow(), options.Value.MaxAttempts, cancellationToken);
        if (result.Status != SlackLinkStatus.NoPendingCode)
        {
            var data = new Dictionary<string, string> { ["slackUser"] = result.SlackUserId ?? "" };
            if (!result.Succeeded)
            {
                data["reason"] = result.Status.ToString();
            }
            await audit.AppendAsync(result.Succeeded ? SlackAuditEvents.Linked : SlackAuditEvents.LinkFailed, AuditEventTypes.UserSubject(userId), userId, data, cancellationToken);
        }
        return result;
    }

    /// <summary>Forgets the user's Slack link.</summary>
    public async Task RemoveAsync(string userId, CancellationToken cancellationToken = default)
    {
        var removed = await links.RemoveAsync(userId, cancellationToken);
        if (removed is not null)
        {
            await audit.AppendAsync(SlackAuditEvents.Unlinked, AuditEventTypes.UserSubject(userId), userId,
                new Dictionary<string, string> { ["slackUser"] = removed }, cancellationToken);
        }
    }
}
