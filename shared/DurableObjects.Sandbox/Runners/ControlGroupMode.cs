namespace DurableObjects.Sandbox.Runners;

/// <summary>Whether each runner process gets a control group of its own that bounds its whole memory and its threads
/// (<see cref="RunnerOptions.MemoryLimitBytes"/>, <see cref="RunnerOptions.MaxProcesses"/>).</summary>
public enum ControlGroupMode
{
    /// <summary>Use a control group per runner where the host may make them (a root host with the cgroup memory and pids
    /// controllers mounted writable); otherwise run without and report it as weakened on <c>/health/isolation</c>. The
    /// default: many container platforms give a container no writable cgroup tree.</summary>
    Auto,

    /// <summary>Refuse to start a runner without a control group of its own.</summary>
    Required,

    /// <summary>Never make control groups (reported as weakened).</summary>
    Disabled,
}
