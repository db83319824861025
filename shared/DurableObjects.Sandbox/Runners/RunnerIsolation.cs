namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// The isolation of this host's runner processes, as configured and as observed on a running runner (no secrets:
/// modes, user names, limits and paths of executables only). Served on <c>GET /health/isolation</c>.
/// </summary>
/// <param name="Status"><c>enforced</c> (everything the sandbox promises is in force), <c>weakened</c> (a runner
/// would start with less, because a mode is <c>Auto</c> or <c>Disabled</c>) or <c>refused</c> (a <c>Required</c>
/// isolation is unavailable: no runner starts).</param>
/// <param name="NetworkIsolation">Configured mode (<see cref="NetworkIsolationMode"/>).</param>
/// <param name="NetworkNamespace">Whether runners get their own, empty network namespace.</param>
/// <param name="NetworkMethod">How (e.g. <c>unshare --net</c>), or null.</param>
/// <param name="DropPrivileges">Configured mode (<see cref="PrivilegeDropMode"/>).</param>
/// <param name="HostUser">The host's user, e.g. <c>root (0)</c>.</param>
/// <param name="RunnerUser">The users runners run as, e.g. <c>uids 1879048192–1879113727 (one per runner)</c>, or the
/// host's user (<c>root (0)</c>) when they do not drop privileges.</param>
/// <param name="Unprivileged">True when runners do not run as root.</param>
/// <param name="RunnerPath">The runner executable runners start from (a staged, root-owned copy for a root host).</param>
/// <param name="ControlGroups">How each runner gets a control group of its own (e.g. <c>cgroup v1 (memory, pids)</c>),
/// or null when runners get none.</param>
/// <param name="EmptyEnvironment">Runners start with an empty environment (always true: no secrets reach them).</param>
/// <param name="Limits">Resource limits of every runner.</param>
/// <param name="Observed">What a live runner process shows in /proc, or null when none runs.</param>
/// <param name="Problems">Why the status is not <c>enforced</c>.</param>
public sealed record RunnerIsolation(
    string Status,
    string NetworkIsolation,
    bool NetworkNamespace,
    string? NetworkMethod,
    string DropPrivileges,
    string HostUser,
    string RunnerUser,
    bool Unprivileged,
    string RunnerPath,
    string? ControlGroups,
    bool EmptyEnvironment,
    RunnerLimits Limits,
    ObservedRunner? Observed,
    IReadOnlyList<string> Problems);
