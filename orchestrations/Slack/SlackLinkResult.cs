using DurableObjects.Channels.Notifications;

namespace DurableObjects.Orchestrations.Slack;

/// <summary>The outcome of a link step: its status, the member id concerned, tries left after a wrong code, and how a code went out.</summary>
public sealed record SlackLinkResult(SlackLinkStatus Status, string? SlackUserId = null, int AttemptsLeft = 0, NotificationStatus? Delivery = null)
{
    public bool Succeeded => Status is SlackLinkStatus.Ok or SlackLinkStatus.AlreadyLinked;
}
