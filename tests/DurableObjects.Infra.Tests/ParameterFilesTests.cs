using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Infra.Tests;

/// <summary>What the dev and prod parameter files choose is something the app accepts.</summary>
public sealed class ParameterFilesTests
{
    public static TheoryData<string> ParameterFiles() => ["infra/main.dev.bicepparam", "infra/main.prod.bicepparam"];

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void RunnerMode_InParameterFile_IsOneTheAppStartsWith(string file)
    {
        var parameters = BicepCli.Parameters(file);
        var mode = parameters.TryGetProperty("runnerMode", out var chosen) ? chosen.GetProperty("value").GetString()! : "Process";

        var options = new RunnerOptions { Mode = Enum.Parse<RunnerMode>(mode) };

        Assert.Empty(options.Validate());
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void OpenAIDeployments_InParameterFile_AreThePlannerGeneratorAndJudgeTheAppIsGiven(string file)
    {
        var deployments = BicepCli.Parameters(file).GetProperty("openAIDeployments").GetProperty("value")
            .EnumerateArray().Select(d => d.GetProperty("name").GetString()).Order(StringComparer.Ordinal);

        Assert.Equal(["generator", "judge", "planner"], deployments);
    }
}
