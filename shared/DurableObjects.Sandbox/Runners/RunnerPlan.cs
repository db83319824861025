namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// How this host starts its runners, decided once per configuration: the executables, the isolation prefix
/// (<c>unshare</c>), the privilege drop (<c>setpriv</c> to one of <see cref="UserIds"/>, one per runner), the control
/// groups runners are put in (<see cref="ControlGroups"/>, one per runner) and what they achieve. <see cref="Refusals"/> non-empty means a <c>Required</c>
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
    IReadOnlyList<string> Weakenings,
    string? DropTool,
    RunnerUserIds? UserIds,
    bool NoNewPrivileges,
    RunnerControlGroups? ControlGroups);

/// <summary>How to start one runner process: its command line and environment, what isolation it gets, the user id it
/// holds (null unless a root host drops privileges) and the control group made for it (null without), both to release
/// once the process has exited.</summary>
internal sealed record RunnerCommand(
    System.Diagnostics.ProcessStartInfo Info,
    bool NetworkIsolated,
    bool Unprivileged,
    RunnerUserIds.Lease? User,
    RunnerControlGroups.Group? Group);
