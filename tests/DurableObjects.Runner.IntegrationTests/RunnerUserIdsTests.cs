using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Runner.IntegrationTests;

/// <summary>
/// Safety: no two live runners — of this host or of another host on the machine — ever hold one user id, and an id
/// comes back only once its runner has ended.
/// </summary>
public sealed class RunnerUserIdsTests : IDisposable
{
    private const int First = 0x70000000 + 3 * RunnerUserIds.BlockSize;
    private readonly string _locks = Directory.CreateTempSubdirectory("do-ids-").FullName;

    [Fact]
    public void Take_NamedIdsAndHeldIds_AreNeverHandedOut()
    {
        var ids = new RunnerUserIds(First, 3, named: [First + 1]);

        using var one = ids.Take();
        using var two = ids.Take();
        var full = Assert.Throws<InvalidOperationException>(ids.Take);

        Assert.Equal([First, First + 2], new[] { one.Id, two.Id }.Order());
        Assert.Contains("held by live runners", full.Message, StringComparison.Ordinal);
        Assert.Equal(2, ids.LiveCount);
    }

    [Fact]
    public void Take_AfterARelease_HandsOutTheOthersFirstThenTheFreedId()
    {
        var ids = new RunnerUserIds(First, 3, named: []);
        var first = ids.Take();
        first.Dispose();
        first.Dispose(); // once only

        var taken = new[] { ids.Take().Id, ids.Take().Id, ids.Take().Id };

        Assert.Equal(3, taken.Distinct().Count());
        Assert.Equal(first.Id, taken[2]); // in turn: the freed id comes back after the two others
        Assert.Equal(3, ids.LiveCount);
    }

    [Fact]
    public void NewHost_SameMachine_TakesAnotherBlockAndNoBlockWhenAllAreHeld()
    {
        // Two blocks in the range; three "hosts" (instances, each with its own flock on its block file).
        var firstHost = new RunnerUserIds(First, 2 * RunnerUserIds.BlockSize, named: [], _locks);
        var secondHost = new RunnerUserIds(First, 2 * RunnerUserIds.BlockSize, named: [], _locks);
        var thirdHost = new RunnerUserIds(First, 2 * RunnerUserIds.BlockSize, named: [], _locks);

        var a = Enumerable.Range(0, 20).Select(_ => firstHost.Take().Id).ToArray();
        var b = Enumerable.Range(0, 20).Select(_ => secondHost.Take().Id).ToArray();
        var refused = Assert.Throws<InvalidOperationException>(thirdHost.Take);

        Assert.Empty(a.Intersect(b));
        Assert.All(a, id => Assert.InRange(id, First, First + RunnerUserIds.BlockSize - 1));
        Assert.All(b, id => Assert.InRange(id, First + RunnerUserIds.BlockSize, First + 2 * RunnerUserIds.BlockSize - 1));
        Assert.Contains("held by another host", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewHost_OverlappingRangeOfAnotherConfiguration_ContendsForTheSharedIds()
    {
        // A range that starts inside the first host's block: the blocks are aligned in the uid space, so the second
        // host cannot take the ids it shares with the first.
        var firstHost = new RunnerUserIds(First, RunnerUserIds.BlockSize, named: [], _locks);
        var overlapping = new RunnerUserIds(First + 10, RunnerUserIds.BlockSize, named: [], _locks);

        var a = Enumerable.Range(0, 50).Select(_ => firstHost.Take().Id).ToArray();
        var b = Enumerable.Range(0, 10).Select(_ => overlapping.Take().Id).ToArray();

        Assert.Empty(a.Intersect(b));
        Assert.All(b, id => Assert.InRange(id, First + RunnerUserIds.BlockSize, First + RunnerUserIds.BlockSize + 9));
    }

    public void Dispose() => Directory.Delete(_locks, recursive: true);
}
