namespace DurableObjects.Sandbox.Runners;

/// <summary>Where object code runs (<c>DurableObjects:Runner:Mode</c>).</summary>
public enum RunnerMode
{
    /// <summary>Runner processes started by the host on its own machine (the default; local, tests, and the Function
    /// App's instances on Azure): network namespace when the OS permits it, empty environment, heap/CPU/wall limits.</summary>
    Process,

    /// <summary>
    /// Azure Container Apps dynamic sessions (custom container, outbound network disabled) reached through the pool's
    /// management endpoint (<see cref="RunnerOptions.SessionPoolEndpoint"/>); <c>infra/</c> provisions the pool.
    /// Not implemented in this version: a host configured with it refuses to start (see <see cref="RunnerOptions.Validate"/>).
    /// </summary>
    ContainerAppsSessions,
}
