using DurableObjects.Sandbox.Compiling;
using Microsoft.Extensions.Hosting;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>Warms the compiler in the background at start-up, so the first real compile is as fast as the rest.</summary>
public sealed class CompilerWarmup(ObjectCompiler compiler) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(compiler.Warm, stoppingToken);
}
