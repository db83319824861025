using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Runner.IntegrationTests;

/// <summary>
/// Safety tests for the privilege drop: where the runner sits must not decide whether object code runs as root.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivilegeDropTests : IDisposable
{
    private readonly string _private = Path.Combine(Path.GetTempPath(), "do-700-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task StartAsync_RunnerInMode700Directory_RunsUnprivilegedFromAStagedCopy()
    {
        var runner = CopyRunnerInto(Path.Combine(_private, "runner"));
        File.SetUnixFileMode(_private, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var client = RunnerKit.Client(RunnerKit.Calculator, RunnerKit.Options(o => o.RunnerPath = runner));

        var answer = await client.InvokeAsync("Add", """{"a":1,"b":2}""");
        var uid = Uid(client.ProcessId!.Value);
        var commandLine = File.ReadAllText($"/proc/{client.ProcessId}/cmdline");

        Assert.Equal("3", answer.ResultJson);
        Assert.True(client.Unprivileged);
        Assert.NotEqual("0", uid);
        Assert.Equal(HostUid() == "0" ? "65534" : HostUid(), uid);
        if (HostUid() == "0")
        {
            Assert.DoesNotContain(_private, commandLine, StringComparison.Ordinal);
            Assert.Contains("/var/lib/durable-objects/runners/", commandLine, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartAsync_DropRequiredButStagingDirectoryUnsafe_RefusesToStartAsRoot()
    {
        // A staging directory under world-writable /tmp is refused: another user could have prepared it.
        var unsafeStaging = Path.Combine(Path.GetTempPath(), "do-staging-" + Guid.NewGuid().ToString("N")[..8]);
        var options = RunnerKit.Options(o =>
        {
            o.StagingDirectory = unsafeStaging;
            o.DropPrivileges = PrivilegeDropMode.Required;
        });
        await using var client = RunnerKit.Client(RunnerKit.Calculator, options);

        var start = await client.StartAsync();

        if (HostUid() == "0")
        {
            Assert.Equal(InvocationStatus.RunnerUnavailable, start.Status);
            Assert.Contains("DropPrivileges is Required", start.Message, StringComparison.Ordinal);
            Assert.False(client.IsRunning);
        }
        else
        {
            Assert.Equal(InvocationStatus.Ok, start.Status); // a non-root host's runners are unprivileged already
        }
    }

    [Fact]
    public async Task StartAsync_DropAutoButStagingDirectoryUnsafe_StartsAsRootAndSaysSo()
    {
        var options = RunnerKit.Options(o =>
        {
            o.StagingDirectory = Path.Combine(Path.GetTempPath(), "do-staging-" + Guid.NewGuid().ToString("N")[..8]);
            o.DropPrivileges = PrivilegeDropMode.Auto;
        });
        await using var pool = new RunnerPool(options);

        var isolation = pool.Isolation();

        Assert.Equal(HostUid() == "0" ? "weakened" : "enforced", isolation.Status);
        Assert.Equal(HostUid() != "0", isolation.Unprivileged);
    }

    public void Dispose()
    {
        if (Directory.Exists(_private))
        {
            Directory.Delete(_private, recursive: true);
        }
    }

    private static string CopyRunnerInto(string directory)
    {
        Directory.CreateDirectory(directory);
        var source = Path.GetDirectoryName(RunnerKit.Options().RunnerPath ?? Path.Combine(AppContext.BaseDirectory, "runner", "x"))!;
        // Every file of its folder: a self-contained runner carries its runtime beside it.
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }
        return Path.Combine(directory, "DurableObjects.Runner.dll");
    }

    private static string Uid(int pid) => File.ReadLines($"/proc/{pid}/status")
        .First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];

    private static string HostUid() => Uid(Environment.ProcessId);
}
