using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Sandbox.UnitTests.Runners;

/// <summary>
/// What the host writes to make a runner's control group, on a directory laid out like a cgroup v2 mount (a machine
/// with v1 runs the real kernel's groups in the runner integration tests). The kernel's own behaviour — moving a
/// process, the OOM kill — is not simulated here.
/// </summary>
public sealed class RunnerControlGroupsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cgroup-v2-").FullName;

    [Fact]
    public void TryCreate_UnifiedHierarchy_HandsDownMemoryAndPidsAndWritesEachRunnersLimits()
    {
        LayOut(controllers: "cpuset cpu io memory hugetlb pids rdma misc\n", rootSubtree: "cpu\n", parentSubtree: "");

        var groups = RunnerControlGroups.TryCreate(_root, 300L << 20, 77, out var failure);
        var group = groups!.Create();

        Assert.Null(failure);
        Assert.Equal("cgroup v2 (memory, pids)", groups.Method);
        Assert.Equal("+memory +pids", File.ReadAllText(Path.Combine(_root, "cgroup.subtree_control")));
        Assert.Equal("+memory +pids", File.ReadAllText(Path.Combine(_root, "durable-objects", "cgroup.subtree_control")));
        var path = Assert.Single(group.Paths);
        Assert.StartsWith(Path.Combine(_root, "durable-objects", "runner-" + Environment.ProcessId + "-"), path, StringComparison.Ordinal);
        Assert.Equal((300L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(path, "memory.max")));
        Assert.Equal("77", File.ReadAllText(Path.Combine(path, "pids.max")));
    }

    [Fact]
    public void TryCreate_ControllersMissing_SaysWhyAndGivesNone()
    {
        File.WriteAllText(Path.Combine(_root, "cgroup.controllers"), "cpu io\n");

        var groups = RunnerControlGroups.TryCreate(_root, 300L << 20, 77, out var failure);

        Assert.Null(groups);
        Assert.Contains("no cgroup memory and pids controllers", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void OomKills_ReadFromTheGroupsEvents_AndKeptAfterRelease()
    {
        LayOut(controllers: "memory pids", rootSubtree: "memory pids", parentSubtree: "memory pids");
        var group = RunnerControlGroups.TryCreate(_root, 300L << 20, 77, out _)!.Create();
        File.WriteAllText(Path.Combine(group.Paths[0], "memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n");

        group.Release();

        Assert.Equal(1, group.OomKills);
    }

    [Fact]
    public void TryCreate_GroupsOfAHostThatIsGone_AreRemoved_OthersKept()
    {
        LayOut(controllers: "memory pids", rootSubtree: "memory pids", parentSubtree: "memory pids");
        var gone = Enumerable.Range(4_000_000, 1000).First(pid => !Directory.Exists($"/proc/{pid}"));
        var leftover = Directory.CreateDirectory(Path.Combine(_root, "durable-objects", $"runner-{gone}-7")).FullName;
        var live = Directory.CreateDirectory(Path.Combine(_root, "durable-objects", "runner-1-3")).FullName; // pid 1 runs

        RunnerControlGroups.TryCreate(_root, 300L << 20, 77, out _);

        Assert.False(Directory.Exists(leftover));
        Assert.True(Directory.Exists(live));
    }

    /// <summary>A v2 mount's root offering <paramref name="controllers"/>, with our parent group already made.</summary>
    private void LayOut(string controllers, string rootSubtree, string parentSubtree)
    {
        File.WriteAllText(Path.Combine(_root, "cgroup.controllers"), controllers);
        File.WriteAllText(Path.Combine(_root, "cgroup.subtree_control"), rootSubtree);
        Directory.CreateDirectory(Path.Combine(_root, "durable-objects"));
        File.WriteAllText(Path.Combine(_root, "durable-objects", "cgroup.subtree_control"), parentSubtree);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
