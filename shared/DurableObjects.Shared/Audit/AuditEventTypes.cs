namespace DurableObjects.Shared.Audit;

/// <summary>The event types the system records. Monitors match on these names (and on prefixes like "object.").</summary>
public static class AuditEventTypes
{
    public const string UserRegistered = "user.registered";
    public const string TokenCreated = "token.created";

    /// <summary>A personal API token was revoked (data: tokenId, its short id; reason "retried" when a retried
    /// <c>POST /api/tokens</c> revoked the token of its earlier attempt, whose value nobody received).</summary>
    public const string TokenRevoked = "token.revoked";

    /// <summary>An admin changed a user's role (data: from, to: viewer, member or admin).</summary>
    public const string UserRoleChanged = "user.role_changed";

    /// <summary>An admin disabled a user: their tokens, phone and Slack commands are refused until enabled again.</summary>
    public const string UserDisabled = "user.disabled";

    /// <summary>An admin enabled a disabled user again: the same tokens, phone and Slack link work again.</summary>
    public const string UserEnabled = "user.enabled";
    public const string ObjectCreated = "object.created";
    public const string ObjectUpdated = "object.updated";
    public const string ObjectDeprecated = "object.deprecated";
    public const string VersionAdded = "version.added";
    public const string RolledBack = "object.rolled_back";
    public const string Deployed = "deploy.succeeded";
    public const string DeployFailed = "deploy.failed";
    public const string InvocationFailed = "invocation.failed";
    public const string RunStarted = "run.started";
    public const string RunAccepted = "run.accepted";
    public const string RunRejected = "run.rejected";
    public const string RunFailed = "run.failed";
    public const string RunAwaitingApproval = "run.awaiting_approval";
    public const string RunCancelled = "run.cancelled";
    public const string RunSucceeded = "run.succeeded";

    /// <summary>A run stopped before a step because its budget was spent (data: reason with the spend per item).</summary>
    public const string RunBudgetExhausted = "run.budget_exhausted";

    /// <summary>A person approved a waiting run (data: run, decision comment); not the requester unless the host allows it.</summary>
    public const string RunApproved = "run.approved";

    /// <summary>A person refused a waiting run. Not <c>run.rejected…</c>, so monitors on the reward model's <c>run.rejected</c> do not match it.</summary>
    public const string RunApprovalDenied = "run.approval_denied";

    /// <summary>An object's pipeline policy changed (data: before, after as JSON).</summary>
    public const string PipelinePolicyChanged = "object.pipeline_policy_changed";
    public const string ContactUpdated = "user.contact_updated";
    public const string PhoneVerificationSent = "phone.verification_sent";
    public const string PhoneVerified = "phone.verified";
    public const string PhoneVerificationFailed = "phone.verification_failed";
    public const string PhoneRemoved = "phone.removed";
    public const string CommandExecuted = "command.executed";

    /// <summary>The subject string of an object, e.g. "object/calculator".</summary>
    public static string ObjectSubject(string objectKey) => "object/" + objectKey;

    public static string UserSubject(string userId) => "user/" + userId;
}
