namespace DurableObjects.Sandbox.Runners;

/// <summary>Whether a root host starts its runners as the unprivileged user <c>nobody</c>.</summary>
public enum PrivilegeDropMode
{
    /// <summary>Refuse to start a runner as root: a root host's runners run as <c>nobody</c> (uid/gid 65534, via
    /// <c>setpriv</c>) from a staged, root-owned copy of the runner, or not at all. A non-root host's runners run as
    /// that non-root user. The default.</summary>
    Required,

    /// <summary>Drop to <c>nobody</c> when possible; otherwise run as the host's user, log a warning and report the
    /// weaker isolation on <c>/health/isolation</c>.</summary>
    Auto,

    /// <summary>Never drop privileges: a root host's runners run as root (reported on <c>/health/isolation</c>).</summary>
    Disabled,
}
