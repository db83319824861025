using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Runner.IntegrationTests;

/// <summary>
/// A control group of its own per runner (where the host may make them): the kernel bounds a runner's whole memory,
/// not only its GC heap, and its threads; past the memory limit it ends that runner alone, and the host says why. On
/// a root host RLIMIT_NPROC bounds the runner's threads too (its user is its own).
/// </summary>
public class RunnerControlGroupTests
{
    /// <summary>Policy-abiding code whose memory the GC heap limit does not count: every level of the recursion is a new
    /// generic instantiation, which the runtime's type loader and JIT keep in native memory (about 1.9 KiB each).</summary>
    private const string Grower = """
        public class Grower
        {
            public int Ok() => 1;

            public int Grow(int n) => Deep<int>(n);

            private static int Deep<T>(int n) => n == 0 ? 0 : 1 + Deep<List<T>>(n - 1);
        }
        """;

    [Fact]
    public async Task StartAsync_WhereControlGroupsCanBeMade_EachRunnerHasAGroupOfItsOwnWithTheLimits_RemovedWhenItEnds()
    {
        var options = RunnerKit.Options(o => (o.MemoryLimitBytes, o.MaxProcesses) = (300L << 20, 100));
        var first = RunnerKit.Client(RunnerKit.Calculator, options);
        var second = RunnerKit.Client(RunnerKit.Calculator, options);
        await first.StartAsync();
        await second.StartAsync();

        var one = ObservedRunner.TryRead(first.ProcessId!.Value)!;
        var other = ObservedRunner.TryRead(second.ProcessId!.Value)!;

        if (!RunnerLauncherProbe.ControlGroupsAvailable)
        {
            Assert.Null(one.ControlGroup);
            await first.DisposeAsync();
            await second.DisposeAsync();
            return;
        }
        Assert.NotNull(one.ControlGroup);
        Assert.NotNull(other.ControlGroup);
        Assert.NotEqual(one.ControlGroup, other.ControlGroup);
        Assert.Equal(300L << 20, one.MemoryLimitBytes);
        Assert.Equal(100, one.MaxProcesses);
        var groupDirectories = GroupDirectories(one.ControlGroup!);
        Assert.All(groupDirectories, d => Assert.True(Directory.Exists(d), d));

        await first.DisposeAsync();
        await RunnerKit.WaitUntilAsync(() => !groupDirectories.Any(Directory.Exists), TimeSpan.FromSeconds(5));

        Assert.All(groupDirectories, d => Assert.False(Directory.Exists(d), $"{d} is left after its runner ended"));
        Assert.True(Directory.Exists(GroupDirectories(other.ControlGroup!)[0]), "the other runner keeps its group");
        await second.DisposeAsync();
    }

    [Fact]
    public async Task InvokeAsync_RuntimeMemoryPastTheGroupLimit_EndsThatRunnerOnly_SayingWhy()
    {
        // Safety: each level is a new generic instantiation, ~1.9 KiB of the runtime's native memory that the GC heap limit
        // (192 MiB here) never sees; the runner's group ends it at 256 MiB (some 130,000 levels in), and only it: the host
        // and every other runner go on. Without a group it runs on, taking memory, until its stack overflows (a crash
        // with another reason, after 13 s here).
        await using var grower = RunnerKit.Client(Grower, RunnerKit.Options(o =>
        {
            o.MemoryLimitBytes = 256L << 20;
            o.InvocationTimeout = TimeSpan.FromSeconds(60);
        }));

        var small = await grower.InvokeAsync("Grow", """{"n":1000}""");
        var outcome = await grower.InvokeAsync("Grow", """{"n":1000000}""");

        Assert.Equal("1000", small.ResultJson);
        if (!RunnerLauncherProbe.ControlGroupsAvailable)
        {
            return; // without a group nothing but the stack's depth or the invocation timeout ends it
        }
        Assert.Equal(InvocationStatus.RunnerCrashed, outcome.Status);
        Assert.Contains("memory limit (256 MiB", outcome.Message, StringComparison.Ordinal);
        await RunnerKit.AssertHealthyRunnerAsync();
        var recovered = await grower.InvokeAsync("Ok");
        Assert.Equal(InvocationStatus.Ok, recovered.Status);
    }

    [Fact]
    public async Task InvokeAsync_HeapFilledNearItsLimit_FitsTheDefaultGroup()
    {
        // The defaults must leave a runner its whole heap: 240 MiB kept and touched of a 256 MiB heap, under the default
        // 512 MiB group (runtime, JIT and the runner's mapped image beside it).
        var defaults = new RunnerOptions();
        await using var filler = RunnerKit.Client("""
            public class Filler
            {
                private readonly List<byte[]> _kept = [];

                public int Fill(int mebibytes)
                {
                    for (var i = 0; i < mebibytes; i++)
                    {
                        var block = new byte[1 << 20];
                        for (var j = 0; j < block.Length; j += 4096) block[j] = 1;
                        _kept.Add(block);
                    }
                    return _kept.Count;
                }
            }
            """, RunnerKit.Options(o =>
        {
            (o.HeapHardLimitBytes, o.MemoryLimitBytes) = (defaults.HeapHardLimitBytes, defaults.MemoryLimitBytes);
            o.InvocationTimeout = TimeSpan.FromSeconds(30);
        }));

        var outcome = await filler.InvokeAsync("Fill", """{"mebibytes":240}""");

        Assert.Equal(InvocationStatus.Ok, outcome.Status);
        Assert.Equal("240", outcome.ResultJson);
    }

    [Fact]
    public async Task StartAsync_OnARootHost_RunnerMayStartNoMoreThreadsThanMaxProcesses()
    {
        await using var client = RunnerKit.Client(RunnerKit.Calculator, RunnerKit.Options(o => o.MaxProcesses = 64));
        await client.StartAsync();

        var observed = ObservedRunner.TryRead(client.ProcessId!.Value)!;
        var threads = Directory.GetDirectories($"/proc/{client.ProcessId}/task").Length;

        Assert.InRange(threads, 1, 63);
        if (client.Unprivileged == true && RunnerLauncher.HostIsRoot)
        {
            Assert.Equal("64 64 processes", observed.ProcessLimit);
        }
        else
        {
            Assert.DoesNotContain("64 64", observed.ProcessLimit ?? "", StringComparison.Ordinal); // shared user: not bounded per runner
        }
    }

    [Fact]
    public async Task Isolation_ReportsTheGroupsAndTheLimits_OrWhyThereAreNone()
    {
        var options = RunnerKit.Options(o => (o.MemoryLimitBytes, o.MaxProcesses) = (333L << 20, 99));
        await using var pool = new RunnerPool(options);
        var client = pool.GetOrAdd(RunnerKit.Deployment(RunnerKit.Calculator));
        await client.StartAsync();

        var report = pool.Isolation();

        Assert.Equal(333L << 20, report.Limits.MemoryLimitBytes);
        Assert.Equal(99, report.Limits.MaxProcesses);
        if (RunnerLauncherProbe.ControlGroupsAvailable)
        {
            Assert.StartsWith("cgroup v", report.ControlGroups, StringComparison.Ordinal);
            Assert.Equal(333L << 20, report.Observed!.MemoryLimitBytes);
            Assert.DoesNotContain(report.Problems, p => p.Contains("control group", StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            Assert.Null(report.ControlGroups);
            Assert.Contains(report.Problems, p => p.StartsWith("No control group per runner", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StartAsync_GroupsRequiredButNoneCanBeMade_RefusesToStartARunner_AutoStartsAndSaysWeakened()
    {
        // A cgroup root without the memory and pids controllers (an empty directory): what a container without a cgroup
        // tree offers.
        var root = Directory.CreateTempSubdirectory("no-cgroups-").FullName;
        try
        {
            await using var required = RunnerKit.Client(RunnerKit.Calculator, RunnerKit.Options(o =>
                (o.ControlGroups, o.ControlGroupRoot) = (ControlGroupMode.Required, root)));
            await using var pool = new RunnerPool(RunnerKit.Options(o => (o.ControlGroups, o.ControlGroupRoot) = (ControlGroupMode.Auto, root)));
            var auto = pool.GetOrAdd(RunnerKit.Deployment(RunnerKit.Calculator));

            var refused = await required.StartAsync();
            var answer = await auto.InvokeAsync("Add", """{"a":1,"b":2}""");
            var report = pool.Isolation();

            Assert.Equal(InvocationStatus.RunnerUnavailable, refused.Status);
            Assert.Contains("ControlGroups is Required", refused.Message, StringComparison.Ordinal);
            Assert.False(required.IsRunning);
            Assert.Equal("3", answer.ResultJson);
            Assert.Equal("weakened", report.Status);
            Assert.Null(report.ControlGroups);
            Assert.Null(report.Observed!.ControlGroup);
            Assert.Contains(report.Problems, p => p.StartsWith("No control group per runner (no cgroup memory and pids controllers", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The directories of a group whose path is <paramref name="path"/> in every hierarchy it was made in.</summary>
    private static string[] GroupDirectories(string path) => File.Exists("/sys/fs/cgroup/cgroup.controllers")
        ? ["/sys/fs/cgroup" + path]
        : ["/sys/fs/cgroup/memory" + path, "/sys/fs/cgroup/pids" + path];
}
