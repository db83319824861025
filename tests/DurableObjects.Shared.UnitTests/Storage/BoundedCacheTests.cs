using DurableObjects.Shared.Storage;

namespace DurableObjects.Shared.UnitTests.Storage;

public sealed class BoundedCacheTests
{
    [Fact]
    public void KeptValues_AreFound_AndTheFirstOneKeptWins_ForGetOrAdd()
    {
        var cache = new BoundedCache<string, int>(4, StringComparer.Ordinal);

        Assert.Equal(1, cache.GetOrAdd("a", 1));
        Assert.Equal(1, cache.GetOrAdd("a", 2));
        cache.Set("b", 3);
        cache.Set("b", 4);

        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.True(cache.TryGet("b", out var b));
        Assert.Equal(4, b);
        Assert.False(cache.TryGet("c", out _));
    }

    [Fact]
    public void WhenFull_ItStartsOver_AndNeverHoldsMoreThanItsCapacity()
    {
        var cache = new BoundedCache<int, int>(3);
        for (var i = 0; i < 3; i++)
        {
            cache.Set(i, i);
        }

        cache.Set(3, 3);

        Assert.True(cache.TryGet(3, out _));
        Assert.False(cache.TryGet(0, out _));
        Assert.False(cache.TryGet(2, out _));
    }
}
