namespace DurableObjects.Sandbox.Runners;

/// <summary>How runner processes are cut off from the network.</summary>
public enum NetworkIsolationMode
{
    /// <summary>Use a fresh network namespace (<c>unshare</c>) when the OS permits it; otherwise start the runner as a
    /// plain process and log a warning. The compile-time policy still bans every networking API.</summary>
    Auto,

    /// <summary>Refuse to start a runner without a network namespace. The default.</summary>
    Required,

    /// <summary>Never use a network namespace (for platforms without <c>unshare</c>).</summary>
    Disabled,
}
