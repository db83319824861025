namespace DurableObjects.Shared.Audit;

/// <summary>The event types the system records. Monitors match on these names (and on prefixes like "object.").</summary>
public static class AuditEventTypes
{
    public const string UserRegistered = "user.registered";
    public const string TokenCreated = "token.created";
    public const string ObjectCreated = "object.created";
    public const string ObjectUpdated = "object.updated";
    public const string ObjectDeprecated = "object.deprecated";
    public const string VersionAdded = "version.added";
    public const string RolledBack = "object.rolled_back";
    public const string Deployed = "deploy.succeeded";
    public const string DeployFailed = "deploy.failed";
    public const string InvocationFailed = "invocation.failed";

    /// <summary>The subject string of an object, e.g. "object/calculator".</summary>
    public static string ObjectSubject(string objectKey) => "object/" + objectKey;

    public static string UserSubject(string userId) => "user/" + userId;
}
