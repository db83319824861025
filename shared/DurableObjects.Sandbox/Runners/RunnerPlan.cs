namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// How this host starts its runners, decided once per configuration: the executables, the isolation prefix
/// (<c>unshare</c>, <c>setpriv</c>) and what they achieve. <see cref="Refusals"/> non-empty means a <c>Required</c>
/// isolation is unavailable and no runner starts; <see cref="Weakenings"/> lists what <c>Auto</c> or <c>Disabled</c>
/// gave up.
/// </summary>
internal sealed record RunnerPlan(
    string Dotnet,
    string Runner,
    IReadOnlyList<string> Prefix,
    bool NetworkIsolated,
    string? NetworkMethod,
    bool Unprivileged,
    string HostUser,
    string RunnerUser,
    bool RunnerStaged,
    IReadOnlyList<string> Refusals,
    IReadOnlyList<string> Weakenings);
