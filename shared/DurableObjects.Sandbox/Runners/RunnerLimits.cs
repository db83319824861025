namespace DurableObjects.Sandbox.Runners;

/// <summary>The resource limits every runner process gets (see <see cref="RunnerOptions"/>).</summary>
public sealed record RunnerLimits(
    long HeapHardLimitBytes,
    int CpuTimeLimitSeconds,
    double InvocationTimeoutSeconds,
    int MaxResultBytes,
    int MaxOutputBytes,
    int MaxConcurrency,
    long MemoryLimitBytes,
    int MaxProcesses);
