using System.Diagnostics;
using System.Text.Json;

namespace DurableObjects.Infra.Tests;

/// <summary>
/// The Bicep CLI from the NuGet package <c>Azure.Bicep.CommandLine.linux-x64</c>, which this project's restore downloads
/// into the NuGet cache (a <c>PackageDownload</c>: nothing referenced, nothing copied). Same binary as scripts/bicep.sh.
/// Each bicep start costs seconds, so every file is built and linted in three runs (<c>--pattern</c>) shared by all tests.
/// </summary>
internal static class BicepCli
{
    public const string Version = "0.49.2";

    /// <summary>Secrets the parameter files read from the environment: never handed to bicep here, so compiled
    /// parameter files written by the tests cannot hold them.</summary>
    private static readonly string[] SecretVariables =
        ["TWILIO_AUTH_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "GITHUB_TOKEN", "SENDGRID_API_KEY", "SMTP_PASSWORD"];

    private static readonly Lazy<string> Executable = new(Locate);
    private static readonly Lazy<string> OutputDirectory = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("bicep-out-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        return directory;
    });

    private static readonly Lazy<BicepResult> BuildAll = new(() =>
        Run("build", "--pattern", "infra/**/*.bicep", "--outdir", Path.Combine(OutputDirectory.Value, "templates")));

    private static readonly Lazy<BicepResult> BuildAllParameters = new(() =>
        Run("build-params", "--pattern", "infra/**/*.bicepparam", "--outdir", Path.Combine(OutputDirectory.Value, "parameters")));

    private static readonly Lazy<BicepResult> LintAll = new(() => Run("lint", "--pattern", "infra/**/*.bicep*"));

    private static readonly Lazy<JsonDocument> MainTemplate = new(() => Compiled("infra/main.bicep"));

    /// <summary>infra/main.bicep compiled to ARM JSON.</summary>
    public static JsonElement Main => MainTemplate.Value.RootElement;

    /// <summary>Exit codes of the shared build, build-params and lint runs over every file.</summary>
    public static (int Build, int BuildParams, int Lint) RunExitCodes =>
        (BuildAll.Value.ExitCode, BuildAllParameters.Value.ExitCode, LintAll.Value.ExitCode);

    /// <summary>What <c>bicep build</c> (templates) or <c>build-params</c> (parameter files) said about one file.</summary>
    public static FileResult Build(string file) =>
        ForFile(IsParameterFile(file) ? BuildAllParameters.Value : BuildAll.Value, file, OutputPath(file));

    /// <summary>What <c>bicep lint</c> said about one file.</summary>
    public static FileResult Lint(string file) => ForFile(LintAll.Value, file, null);

    /// <summary>A template's compiled ARM JSON; throws if it did not compile cleanly.</summary>
    public static JsonDocument Compiled(string file)
    {
        var result = Build(file);
        if (!result.Clean)
        {
            throw new InvalidOperationException($"bicep build {file}:\n{result.Diagnostics}");
        }
        return JsonDocument.Parse(File.ReadAllText(result.OutputFile!));
    }

    /// <summary>A parameter file's compiled parameters (name → {value}).</summary>
    public static JsonElement Parameters(string file)
    {
        using var document = Compiled(file);
        return document.RootElement.GetProperty("parameters").Clone();
    }

    /// <summary>Runs <c>bicep args…</c> from the repository root; diagnostics are what it writes to stderr.</summary>
    public static BicepResult Run(params string[] args)
    {
        var info = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var secret in SecretVariables)
        {
            info.Environment.Remove(secret);
        }
        info.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return new BicepResult(process.ExitCode, stdout.Result, stderr.Result.Trim());
    }

    private static FileResult ForFile(BicepResult run, string file, string? output)
    {
        // Diagnostics start with the file's full path: "/…/infra/main.bicep(12,3) : Error …".
        var fullPath = Path.Combine(Repository.Root, file);
        var lines = run.Diagnostics.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var mine = lines.Where(l => l.StartsWith(fullPath + "(", StringComparison.Ordinal)).ToList();
        var unattributed = lines.Where(l => !l.StartsWith(Repository.Root, StringComparison.Ordinal)).ToList();
        return new FileResult(run.ExitCode, string.Join('\n', mine.Concat(unattributed)), output);
    }

    private static string OutputPath(string file)
    {
        // --outdir keeps the layout below infra/: infra/modules/x.bicep → templates/modules/x.json,
        // infra/main.dev.bicepparam → parameters/main.dev.json.
        var relative = Path.GetRelativePath("infra", file);
        var json = Path.ChangeExtension(relative, ".json");
        return IsParameterFile(file)
            ? Path.Combine(OutputDirectory.Value, "parameters", json)
            : Path.Combine(OutputDirectory.Value, "templates", json);
    }

    private static bool IsParameterFile(string file) => file.EndsWith(".bicepparam", StringComparison.Ordinal);

    private static string Locate()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var bicep = Path.Combine(packages, "azure.bicep.commandline.linux-x64", Version, "tools", "bicep");
        if (!File.Exists(bicep))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI {Version} is not in the NuGet cache ({bicep}); restore this project (dotnet restore " +
                "tests/DurableObjects.Infra.Tests) to download Azure.Bicep.CommandLine.linux-x64.", bicep);
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(bicep) & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }
        return bicep;
    }
}

/// <summary>What one bicep command did.</summary>
internal sealed record BicepResult(int ExitCode, string Output, string Diagnostics);

/// <summary>One file's share of a <c>--pattern</c> run: its diagnostics (plus any not tied to a file) and its output.</summary>
internal sealed record FileResult(int RunExitCode, string Diagnostics, string? OutputFile)
{
    /// <summary>No diagnostic for this file and (for builds) the compiled file exists. Whether the runs as a whole
/// succeeded is <see cref="BicepCli.RunExitCodes"/>.</summary>
    public bool Clean => Diagnostics.Length == 0 && (OutputFile is null || File.Exists(OutputFile));
}
