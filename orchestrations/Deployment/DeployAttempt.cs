using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>A version made ready to serve (a started, smoke-checked, tested runner), or the reason it cannot.</summary>
public sealed record DeployAttempt(RunnerClient? Client, CompiledArtifact? Artifact, string? Error, IReadOnlyList<string> Details)
{
    public bool Ready => Client is not null && Error is null;

    public static DeployAttempt Failed(string error, IReadOnlyList<string>? details = null) => new(null, null, error, details ?? []);
}
