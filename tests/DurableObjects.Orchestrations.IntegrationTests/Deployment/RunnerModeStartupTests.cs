using DurableObjects.Orchestrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.IntegrationTests.Deployment;

/// <summary>A host configured with a runner mode this version cannot run refuses to start, and says why.</summary>
public sealed class RunnerModeStartupTests
{
    [Fact]
    public async Task StartAsync_ContainerAppsSessionsMode_RefusesWithTheSettingToChange()
    {
        using var host = Build(new() { ["DurableObjects:Runner:Mode"] = "ContainerAppsSessions" });

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DurableObjects:Runner:Mode to Process", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ImpossibleRunnerLimit_Refuses()
    {
        using var host = Build(new() { ["DurableObjects:Runner:MaxConcurrency"] = "0" });

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDurableObjectsOrchestrations(builder.Configuration);
        return builder.Build();
    }
}
