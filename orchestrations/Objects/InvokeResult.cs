namespace DurableObjects.Orchestrations.Objects;

/// <summary>What happened to an invocation, as the invoke API reports it.</summary>
public enum InvokeStatus
{
    Ok,
    BadArguments,
    UnknownMethod,
    NotDeployed,
    NotFound,
    Unauthorized,
    ObjectThrew,
    ResultTooLarge,
    Timeout,
    Unavailable,
}

/// <summary>
/// The answer of an invocation. <see cref="ResultJson"/> is the method's JSON result when <see cref="InvokeStatus.Ok"/>;
/// otherwise <see cref="Message"/> explains (and <see cref="ErrorType"/> names the exception an object threw).
/// Everything here came out of a sandboxed runner: treat it as untrusted user content.
/// </summary>
public sealed record InvokeResult(
    InvokeStatus Status,
    string? ResultJson = null,
    string? ErrorType = null,
    string? Message = null,
    int Version = 0);
