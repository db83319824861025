using DurableObjects.Sandbox.Runners;
using Microsoft.Extensions.Configuration;

namespace DurableObjects.Sandbox.UnitTests.Runners;

public sealed class RunnerOptionsTests
{
    [Fact]
    public void Validate_Defaults_HasNoProblems() =>
        Assert.Empty(new RunnerOptions().Validate());

    [Fact]
    public void Mode_NotConfigured_IsProcess() =>
        Assert.Equal(RunnerMode.Process, Bind(new()).Mode);

    [Fact]
    public void Validate_ContainerAppsSessions_RefusesAndNamesTheSettingToChange()
    {
        var options = Bind(new()
        {
            ["DurableObjects:Runner:Mode"] = "ContainerAppsSessions",
            ["DurableObjects:Runner:SessionPoolEndpoint"] = "https://runners.example.azurecontainerapps.io",
        });

        var problem = Assert.Single(options.Validate());
        Assert.Contains("does not implement", problem, StringComparison.Ordinal);
        Assert.Contains("DurableObjects:Runner:Mode to Process", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("runners.example.io")]
    [InlineData("http://runners.example.io")]
    public void Validate_ContainerAppsSessionsWithoutHttpsEndpoint_SaysSo(string endpoint)
    {
        var options = new RunnerOptions { Mode = RunnerMode.ContainerAppsSessions, SessionPoolEndpoint = endpoint };

        Assert.Contains(options.Validate(), p => p.Contains("SessionPoolEndpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UndefinedMode_IsAProblem() =>
        Assert.Contains(new RunnerOptions { Mode = (RunnerMode)7 }.Validate(), p => p.Contains("not a runner mode", StringComparison.Ordinal));

    [Fact]
    public void Validate_ImpossibleLimits_AreProblems()
    {
        var options = new RunnerOptions
        {
            WarmSpares = -1, MaxConcurrency = 0, InvocationTimeout = TimeSpan.Zero, MaxResultBytes = 0, SpareRefillDelay = TimeSpan.FromSeconds(-1),
        };

        Assert.Equal(5, options.Validate().Count);
    }

    [Fact]
    public void Validate_MemoryLimitNotAboveTheHeapLimitOrTooFewThreads_AreProblemsNamingTheSetting()
    {
        var options = new RunnerOptions { HeapHardLimitBytes = 512L << 20, MemoryLimitBytes = 512L << 20, MaxProcesses = 8 };

        var problems = options.Validate();

        Assert.Contains(problems, p => p.Contains("MemoryLimitBytes must be larger than HeapHardLimitBytes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxProcesses must be at least 32", StringComparison.Ordinal));
    }

    [Fact]
    public void ControlGroups_Bound_FromItsSetting() =>
        Assert.Equal(ControlGroupMode.Required, Bind(new() { ["DurableObjects:Runner:ControlGroups"] = "Required" }).ControlGroups);

    private static RunnerOptions Bind(Dictionary<string, string?> values)
    {
        var options = new RunnerOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("DurableObjects:Runner").Bind(options);
        return options;
    }
}
