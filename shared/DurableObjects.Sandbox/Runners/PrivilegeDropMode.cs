namespace DurableObjects.Sandbox.Runners;

/// <summary>Whether a root host starts its runners as unprivileged users: each runner process a uid and gid of its own
/// (<see cref="RunnerOptions.FirstRunnerUid"/>).</summary>
public enum PrivilegeDropMode
{
    /// <summary>Refuse to start a runner as root: a root host's runners run each as a user id of its own (via
    /// <c>setpriv</c>) from a staged, root-owned copy of the runner, or not at all. A non-root host's runners run as
    /// that non-root user. The default.</summary>
    Required,

    /// <summary>Drop privileges when possible; otherwise run as the host's user, log a warning and report the
    /// weaker isolation on <c>/health/isolation</c>.</summary>
    Auto,

    /// <summary>Never drop privileges: a root host's runners run as root (reported on <c>/health/isolation</c>).</summary>
    Disabled,
}
