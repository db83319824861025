using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Runner.IntegrationTests;

/// <summary>
/// What a runner process gets from the OS, read from /proc: an environment without the host's variables, its own user
/// (on a root host), its own network and IPC namespaces, no way to gain privileges, and a private file-creation mask.
/// </summary>
public class RunnerProcessIsolationTests
{
    [Fact]
    public async Task StartAsync_RunnerEnvironment_HoldsOnlyRuntimeVariables()
    {
        Environment.SetEnvironmentVariable("DURABLE_OBJECTS_TEST_SECRET", "hunter2");
        await using var client = RunnerKit.Client(RunnerKit.Calculator);
        await client.StartAsync();

        var environ = await File.ReadAllTextAsync($"/proc/{client.ProcessId}/environ");
        var names = environ.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('=')[0]).ToList();

        Assert.DoesNotContain("hunter2", environ, StringComparison.Ordinal);
        Assert.DoesNotContain("PATH", names);
        Assert.DoesNotContain("HOME", names);
        Assert.All(names, n => Assert.StartsWith("DOTNET_", n, StringComparison.Ordinal));
        Assert.Contains("DOTNET_GCHeapHardLimit", names);
        Assert.Contains("DOTNET_TieredPGO=0", environ.Split('\0'));
    }

    [Fact]
    public async Task StartAsync_Runner_CanGainNoPrivilegesCreatesPrivateFilesAndOnARootHostHoldsNoCapabilities()
    {
        // Safety: code past the policy that got to run a set-user-id program (or one with file capabilities) must not
        // become root again: no_new_privs makes exec ignore those bits, and a root host's runners keep an empty
        // capability bounding set.
        await using var client = RunnerKit.Client(RunnerKit.Calculator);
        await client.StartAsync();

        var status = File.ReadAllLines($"/proc/{client.ProcessId}/status");
        var observed = ObservedRunner.TryRead(client.ProcessId!.Value)!;

        Assert.Contains("NoNewPrivs:\t1", status);
        Assert.Contains("Umask:\t0077", status); // a file it created would be its own user's alone
        Assert.True(observed.NoNewPrivileges);
        if (HostIsRoot())
        {
            Assert.Contains("CapBnd:\t0000000000000000", status);
            Assert.Contains("CapEff:\t0000000000000000", status);
            Assert.True(observed.NoCapabilities);
        }
    }

    [Fact]
    public async Task StartAsync_WhereUnshareIpcWorks_RunnerHasItsOwnIpcNamespace()
    {
        // Safety: System V IPC objects and POSIX message queues are shared by every process of an IPC namespace, so
        // runners of different objects could talk through them; each runner gets a namespace of its own.
        await using var client = RunnerKit.Client(RunnerKit.Calculator);
        await client.StartAsync();

        var expectIsolation = RunnerLauncherProbe.IpcNamespaceAvailable;
        var (ownNamespace, runnerNamespace) = Namespaces(client.ProcessId!.Value, "ipc");
        var observed = ObservedRunner.TryRead(client.ProcessId!.Value);

        Assert.NotNull(runnerNamespace);
        Assert.Equal(expectIsolation, ownNamespace != runnerNamespace);
        Assert.Equal(expectIsolation, observed!.OwnIpcNamespace);
    }

    [Fact]
    public async Task StartAsync_WhereUnshareWorks_RunnerHasItsOwnNetworkNamespace()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);
        await client.StartAsync();

        var expectIsolation = RunnerLauncherProbe.NetworkNamespaceAvailable;
        var (ownNamespace, runnerNamespace) = Namespaces(client.ProcessId!.Value, "net");

        Assert.Equal(expectIsolation, client.NetworkIsolated);
        Assert.Equal(expectIsolation, ownNamespace != runnerNamespace);
        Assert.NotNull(runnerNamespace);
    }

    [Fact]
    public async Task StartAsync_HostIsRoot_RunnerRunsAsAnIdOfItsOwn()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator);
        await client.StartAsync();

        var uid = File.ReadLines($"/proc/{client.ProcessId}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var hostIsRoot = HostIsRoot();

        Assert.Equal(hostIsRoot, client.Unprivileged);
        if (hostIsRoot)
        {
            Assert.InRange(long.Parse(uid.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture),
                0x70000000L, 0x70000000L + 65535);
        }
        var answer = await client.InvokeAsync("Add", """{"a":1,"b":2}""");
        Assert.Equal("3", answer.ResultJson);
    }

    [Fact]
    public async Task StartAsync_IsolationDisabled_RunnerSharesHostNetworkNamespace()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator,
            RunnerKit.Options(o => o.NetworkIsolation = NetworkIsolationMode.Disabled));
        await client.StartAsync();

        var (ownNamespace, runnerNamespace) = Namespaces(client.ProcessId!.Value, "net");

        Assert.False(client.NetworkIsolated);
        Assert.Equal(ownNamespace, runnerNamespace);
    }


    /// <summary>The namespace of <paramref name="kind"/> (<c>net</c>, <c>ipc</c>) of this process and of <paramref name="pid"/>.</summary>
    private static (string? Own, string? Runner) Namespaces(int pid, string kind) =>
        (new FileInfo($"/proc/self/ns/{kind}").LinkTarget, new FileInfo($"/proc/{pid}/ns/{kind}").LinkTarget);

    private static bool HostIsRoot() => File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
        .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";
}
