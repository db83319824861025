using DurableObjects.Channels.Notifications;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>What came of asking for a run's approval in Slack.</summary>
/// <param name="Sent">What the notification service reported, or null when nothing was posted (nowhere to post, or it failed).</param>
/// <param name="Skipped">Why the request was not posted to the requester (their account is disabled), or null.</param>
public sealed record ApprovalRequestResult(NotificationResult? Sent, string? Skipped);
