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
[GenerateSerializer, Immutable]
public sealed record InvokeResult(
    [property: Id(0)] InvokeStatus Status,
    [property: Id(1)] string? ResultJson = null,
    [property: Id(2)] string? ErrorType = null,
    [property: Id(3)] string? Message = null,
    [property: Id(4)] int Version = 0);
