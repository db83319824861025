using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Runners;
using Microsoft.Extensions.Hosting;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// Warms the sandbox in the background at start-up: the compiler (so the first real compile is as fast as the
/// rest) and the runner pool's spare process (so the first deploy does not wait for a runtime to start).
/// </summary>
public sealed class SandboxWarmup(ObjectCompiler compiler, RunnerPool runners) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        runners.Warm();
        return Task.Run(compiler.Warm, stoppingToken);
    }
}
