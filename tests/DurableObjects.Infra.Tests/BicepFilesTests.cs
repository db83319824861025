namespace DurableObjects.Infra.Tests;

/// <summary>Every Bicep file under infra/ compiles and lints with no diagnostic at all (infra/bicepconfig.json makes
/// each analyzer finding an error; compiler warnings fail here too).</summary>
public sealed class BicepFilesTests
{
    public static TheoryData<string> Files() => [.. Repository.BicepFiles()];

    [Fact]
    public void BicepFiles_UnderInfra_IncludeMainItsModulesAndBothParameterFiles()
    {
        var files = Repository.BicepFiles();

        Assert.Contains("infra/main.bicep", files);
        Assert.Contains("infra/main.dev.bicepparam", files);
        Assert.Contains("infra/main.prod.bicepparam", files);
        Assert.True(files.Count(f => f.StartsWith("infra/modules/", StringComparison.Ordinal)) >= 8, string.Join(", ", files));
    }

    [Fact]
    public void BicepRuns_OverEveryFile_ExitZero() => Assert.Equal((0, 0, 0), BicepCli.RunExitCodes);

    [Theory]
    [MemberData(nameof(Files))]
    public void Build_EveryBicepFile_HasNoDiagnostics(string file)
    {
        var result = BicepCli.Build(file);

        Assert.True(result.Clean, $"bicep build {file} (run exit {result.RunExitCode}):\n{result.Diagnostics}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Lint_EveryBicepFile_HasNoDiagnostics(string file)
    {
        var result = BicepCli.Lint(file);

        Assert.True(result.Clean, $"bicep lint {file} (run exit {result.RunExitCode}):\n{result.Diagnostics}");
    }

    [Fact]
    public void Lint_UnderInfraBicepConfig_TurnsAnAnalyzerWarningIntoAnError()
    {
        // The same bicepconfig.json next to a file with an unused parameter (a warning by default).
        var directory = Directory.CreateTempSubdirectory("bicep-probe-");
        try
        {
            File.Copy(Path.Combine(Repository.Infra, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            var probe = Path.Combine(directory.FullName, "probe.bicep");
            File.WriteAllText(probe, "param unused string\n");

            var result = BicepCli.Run("lint", probe);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Error no-unused-params", result.Diagnostics, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
