namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// The typed result of an invocation. Trust model: everything here came from a runner executing untrusted code, so
/// the result JSON is bounded by <see cref="RunnerOptions.MaxResultBytes"/> and messages are bounded and carry no
/// host stack traces; treat the text as user content when showing it.
/// </summary>
/// <param name="Status">What happened.</param>
/// <param name="ResultJson">The JSON result when <see cref="InvocationStatus.Ok"/>.</param>
/// <param name="ErrorType">The exception type name for <see cref="InvocationStatus.ObjectThrew"/>, or a short code.</param>
/// <param name="Message">A human-readable explanation for every non-Ok status.</param>
/// <param name="Output">Console output the object wrote during the invocation (bounded).</param>
public sealed record InvocationOutcome(
    InvocationStatus Status,
    string? ResultJson = null,
    string? ErrorType = null,
    string? Message = null,
    string? Output = null)
{
    public bool IsOk => Status == InvocationStatus.Ok;

    public static InvocationOutcome Ok(string json, string? output = null) => new(InvocationStatus.Ok, json, Output: output);

    public static InvocationOutcome Failure(InvocationStatus status, string message, string? errorType = null,
        string? output = null) => new(status, null, errorType, message, output);
}
