using DurableObjects.Shared.Domain;

namespace DurableObjects.Shared.UnitTests.Domain;

public sealed class RequestOperationTests
{
    private static readonly DateTimeOffset First = new(2026, 12, 6, 20, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Of_SameUserKeyAndFirstAttempt_IsTheSameOperationWhetherRetriedOrNot()
    {
        var first = RequestOperation.Of("u1", "key-1", First, retried: false);
        var retry = RequestOperation.Of("u1", "key-1", First, retried: true);

        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(first.DeriveVersion7Id(), retry.DeriveVersion7Id());
        Assert.Matches("^[0-9a-f]{32}$", first.Id);
    }

    [Fact]
    public void Of_AnotherUserKeyOrFirstAttempt_IsAnotherOperation()
    {
        var one = RequestOperation.Of("u1", "key-1", First, retried: false).Id;

        Assert.NotEqual(one, RequestOperation.Of("u2", "key-1", First, retried: false).Id);
        Assert.NotEqual(one, RequestOperation.Of("u1", "key-2", First, retried: false).Id);
        // The same key used again after its retention: a new operation.
        Assert.NotEqual(one, RequestOperation.Of("u1", "key-1", First.AddDays(2), retried: false).Id);
    }

    [Fact]
    public void DeriveVersion7Id_IsAVersion7UuidCarryingTheFirstAttemptsTime()
    {
        var id = RequestOperation.Of("u1", "key-1", First, retried: false).DeriveVersion7Id();
        var guid = Guid.ParseExact(id, "N");

        Assert.Equal(7, guid.Version);
        Assert.Equal(First.ToUnixTimeMilliseconds(), Convert.ToInt64(id[..12], 16));
        // Sorts after an id made a millisecond earlier, like Guid.CreateVersion7.
        var earlier = RequestOperation.Of("u1", "key-0", First.AddMilliseconds(-1), retried: false).DeriveVersion7Id();
        Assert.True(string.CompareOrdinal(earlier, id) < 0);
    }
}
