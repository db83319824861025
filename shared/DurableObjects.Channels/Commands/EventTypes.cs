namespace DurableObjects.Channels.Commands;

/// <summary>
/// The event types monitors can watch — the one list shared by the command parser and the monitor scheduler.
/// Patterns are exact types or a "*" wildcard segment ("*.failed").
/// </summary>
public static class EventTypes
{
    /// <summary>A user registered.</summary>
    public const string UserRegistered = "user.registered";

    /// <summary>An object was created.</summary>
    public const string ObjectCreated = "object.created";

    /// <summary>A version was added to an object.</summary>
    public const string VersionAdded = "version.added";

    /// <summary>A run's candidate was accepted.</summary>
    public const string RunAccepted = "run.accepted";

    /// <summary>A run ended without an acceptable candidate.</summary>
    public const string RunRejected = "run.rejected";

    /// <summary>A run failed.</summary>
    public const string RunFailed = "run.failed";

    /// <summary>A run waits for a human approval.</summary>
    public const string RunAwaitingApproval = "run.awaiting_approval";

    /// <summary>A version was deployed.</summary>
    public const string DeploySucceeded = "deploy.succeeded";

    /// <summary>A deploy failed (the previous version keeps serving).</summary>
    public const string DeployFailed = "deploy.failed";

    /// <summary>An object was rolled back.</summary>
    public const string RolledBack = "object.rolled_back";

    /// <summary>An invocation of a deployed object failed.</summary>
    public const string InvocationFailed = "invocation.failed";

    /// <summary>A monitor fired.</summary>
    public const string MonitorFired = "monitor.fired";

    /// <summary>Any failure (pattern).</summary>
    public const string AnyFailure = "*.failed";

    /// <summary>Every concrete event type.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        UserRegistered, ObjectCreated, VersionAdded, RunAccepted, RunRejected, RunFailed, RunAwaitingApproval,
        DeploySucceeded, DeployFailed, RolledBack, InvocationFailed, MonitorFired,
    ];

    /// <summary>True when <paramref name="eventType"/> matches <paramref name="pattern"/> ("*" matches one segment; "*" alone matches all).</summary>
    public static bool Matches(string pattern, string eventType)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(eventType);
        if (pattern == "*")
        {
            return true;
        }

        var p = pattern.Split('.');
        var e = eventType.Split('.');
        return p.Length == e.Length && p.Zip(e).All(x => x.First == "*" || string.Equals(x.First, x.Second, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for a known type or a pattern that matches at least one known type.</summary>
    public static bool IsKnownPattern(string? pattern) => pattern is not null && All.Any(t => Matches(pattern, t));
}
