using System.Diagnostics;
using System.Globalization;
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
        if (HostUid() == "0")
        {
            Assert.InRange(long.Parse(uid, CultureInfo.InvariantCulture), 0x70000000L, 0x70000000L + 65535);
        }
        else
        {
            Assert.Equal(HostUid(), uid);
        }
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

    [Fact]
    public async Task StartAsync_TwoObjectsRunners_EachItsOwnUserThatCannotSignalTheOther()
    {
        // Safety: runners of one shared user could signal, trace and read each other's memory, so code that got past
        // the policy in one object could reach another's. Each runner holds a user id of its own.
        if (HostUid() != "0")
        {
            return; // a non-root host cannot give its runners other users (README, "Reliability")
        }
        await using var first = RunnerKit.Client(RunnerKit.Calculator);
        await using var second = RunnerKit.Client(RunnerKit.Calculator, RunnerKit.Options());
        await first.StartAsync();
        await second.StartAsync();
        var (firstPid, secondPid) = (first.ProcessId!.Value, second.ProcessId!.Value);
        var (firstUid, secondUid) = (Uid(firstPid), Uid(secondPid));

        var signalledByOther = RunAs(firstUid, "kill", "-0", secondPid.ToString(CultureInfo.InvariantCulture));
        var signalledByOwn = RunAs(secondUid, "kill", "-0", secondPid.ToString(CultureInfo.InvariantCulture));

        Assert.NotEqual(firstUid, secondUid);
        Assert.Equal(Gid(firstPid), firstUid);
        Assert.NotEqual(0, signalledByOther); // EPERM: another user's process
        Assert.Equal(0, signalledByOwn);      // the same check succeeds for the runner's own user, so it can fail
        Assert.Equal("3", (await second.InvokeAsync("Add", """{"a":1,"b":2}""")).ResultJson);
    }

    [Fact]
    public async Task StartAsync_EveryIdHeld_RefusesUntilARunnerExitsAndFreesItsId()
    {
        if (HostUid() != "0")
        {
            return;
        }
        // A range of its own (the plan, and so the ids, are per configuration): two ids.
        var options = RunnerKit.Options(o => (o.FirstRunnerUid, o.RunnerUidCount) = (0x70000000 + 70_000, 2));
        await using var first = RunnerKit.Client(RunnerKit.Calculator, options);
        await using var second = RunnerKit.Client(RunnerKit.Calculator, options);
        await using var third = RunnerKit.Client(RunnerKit.Calculator, options);
        Assert.True((await first.StartAsync()).IsOk);
        Assert.True((await second.StartAsync()).IsOk);

        var refused = await third.StartAsync();
        var firstUid = Uid(first.ProcessId!.Value);
        await first.DisposeAsync();
        await RunnerKit.WaitUntilAsync(() => RunnerLauncher.PlanFor(options).UserIds!.LiveCount == 1, TimeSpan.FromSeconds(10));
        var retried = await RunAfterBackoffAsync(third);

        Assert.Equal(InvocationStatus.RunnerUnavailable, refused.Status);
        Assert.Contains("runner user ids", refused.Message, StringComparison.Ordinal);
        Assert.True(retried.IsOk, retried.Message);
        Assert.Equal(firstUid, Uid(third.ProcessId!.Value)); // the freed id, the only one left
        Assert.NotEqual(Uid(second.ProcessId!.Value), Uid(third.ProcessId!.Value));
    }

    private static async Task<InvocationOutcome> RunAfterBackoffAsync(RunnerClient client)
    {
        await Task.Delay(RunnerKit.Options().RestartBackoff + TimeSpan.FromMilliseconds(100));
        return await client.StartAsync();
    }

    private static int RunAs(string uid, params string[] command)
    {
        var info = new ProcessStartInfo("setpriv") { RedirectStandardError = true };
        foreach (var argument in new[] { $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--", "/bin/sh", "-c", "\"$@\"", "sh" }
                     .Concat(command))
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        process.WaitForExit(10_000);
        return process.ExitCode;
    }

    private static string Gid(int pid) => File.ReadLines($"/proc/{pid}/status")
        .First(l => l.StartsWith("Gid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];

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
