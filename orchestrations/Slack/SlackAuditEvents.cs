namespace DurableObjects.Orchestrations.Slack;

/// <summary>Audit event types of Slack account links.</summary>
public static class SlackAuditEvents
{
    public const string VerificationSent = "slack.verification_sent";
    public const string Linked = "slack.linked";
    public const string LinkFailed = "slack.link_failed";
    public const string Unlinked = "slack.unlinked";
}
