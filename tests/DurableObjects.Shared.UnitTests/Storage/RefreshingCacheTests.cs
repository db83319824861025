using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DurableObjects.Shared.UnitTests.Storage;

public sealed class RefreshingCacheTests
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LastKnown = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SlowRead = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new();
    private readonly Storage _storage = new();

    [Fact]
    public async Task GetAsync_YoungerThanFresh_AnswersWithoutARead()
    {
        var cache = Cache();
        _storage.Value = "v1";
        await cache.GetAsync("k");
        _storage.Value = "v2";

        _clock.Advance(Fresh / 4);
        var answer = await cache.GetAsync("k");

        Assert.Equal("v1", answer);
        Assert.Equal(1, _storage.Reads);
    }

    [Fact]
    public async Task GetAsync_OlderThanFresh_WaitsForAReadAndAnswersIt()
    {
        var cache = Cache();
        _storage.Value = "v1";
        await cache.GetAsync("k");
        _storage.Value = "v2";

        _clock.Advance(Fresh);
        var answer = await cache.GetAsync("k");

        Assert.Equal("v2", answer);
    }

    [Fact]
    public async Task GetAsync_ReadFailsWithinLastKnown_AnswersTheLastValueAndThenAnswersAtOnce()
    {
        var cache = Cache();
        _storage.Value = "v1";
        await cache.GetAsync("k");
        _storage.Down = true;

        _clock.Advance(Fresh);
        var waited = await cache.GetAsync("k");
        var reads = _storage.Reads;
        var next = cache.GetAsync("k");
        var atOnce = next.IsCompletedSuccessfully;

        Assert.Equal("v1", waited);
        Assert.True(atOnce, "a caller after the failed read waited for storage");
        Assert.Equal("v1", await next);
        Assert.Equal(reads, _storage.Reads); // no retry sooner than half of fresh after the failure
    }

    [Fact]
    public async Task GetAsync_WhileReadsFail_RetriesInTheBackgroundAndTakesTheFirstAnswer()
    {
        var cache = Cache();
        _storage.Value = "v1";
        await cache.GetAsync("k");
        _storage.Down = true;
        _clock.Advance(Fresh);
        await cache.GetAsync("k");
        _storage.Down = false;
        _storage.Value = null; // revoked while storage did not answer

        _clock.Advance(Fresh / 2);
        var duringRetry = await cache.GetAsync("k");
        await _storage.WaitForReadsAsync(3);
        var after = await WhenAsync(cache, "k", v => v is null);

        Assert.Equal("v1", duringRetry);
        Assert.Null(after);
    }

    [Fact]
    public async Task GetAsync_ReadHangs_AnswersTheLastValueAfterSlowReadInsteadOfWaitingForTheTimeout()
    {
        var cache = Cache();
        _storage.Value = "v1";
        await cache.GetAsync("k");
        _storage.Stall();

        _clock.Advance(Fresh);
        var waiting = cache.GetAsync("k").AsTask();
        await _storage.WaitForStalledAsync();
        var beforeSlowRead = waiting.IsCompleted;
        _clock.Advance(SlowRead);
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(beforeSlowRead, "answered before the read had a chance to answer");
        Assert.Equal("v1", answer);
    }

    [Fact]
    public async Task GetAsync_HungReadAnswersLater_ItsAnswerIsKept()
    {
        var cache = Cache();
        _storage.Value = "v1";
        await cache.GetAsync("k");
        _storage.Stall();
        _clock.Advance(Fresh);
        var waiting = cache.GetAsync("k").AsTask();
        await _storage.WaitForStalledAsync();
        _clock.Advance(SlowRead);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        _storage.Value = "v2";
        _storage.Resume();
        var after = await WhenAsync(cache, "k", v => v == "v2");

        Assert.Equal("v2", after);
    }

    [Fact]
    public async Task GetAsync_ReadHangsAndNothingWasRead_WaitsForTheRead()
    {
        var cache = Cache();
        _storage.Value = "v1";
        _storage.Stall();

        var waiting = cache.GetAsync("k").AsTask();
        await _storage.WaitForStalledAsync();
        _clock.Advance(SlowRead * 3);
        await Task.Delay(50);
        var answeredWithoutStorage = waiting.IsCompleted;
        _storage.Resume();

        Assert.False(answeredWithoutStorage, "answered with nothing ever read");
        Assert.Equal("v1", await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task GetAsync_ReadFailsPastLastKnown_Throws()
    {
        var cache = Cache();
        _storage.Value = "v1";
        await cache.GetAsync("k");
        _storage.Down = true;
        _clock.Advance(Fresh);
        await cache.GetAsync("k");

        _clock.Advance(LastKnown);

        await Assert.ThrowsAsync<TimeoutException>(async () => await cache.GetAsync("k"));
    }

    [Fact]
    public async Task GetAsync_NothingReadYetAndReadFails_Throws()
    {
        var cache = Cache();
        _storage.Down = true;

        await Assert.ThrowsAsync<TimeoutException>(async () => await cache.GetAsync("k"));
    }

    [Fact]
    public async Task Remove_ThenReadFails_ThrowsInsteadOfAnsweringTheValueRemoved()
    {
        var cache = Cache();
        _storage.Value = "v1";
        await cache.GetAsync("k");
        _storage.Down = true;

        cache.Remove("k");

        await Assert.ThrowsAsync<TimeoutException>(async () => await cache.GetAsync("k"));
    }

    [Fact]
    public async Task Set_ThenReadFails_AnswersTheValueSet()
    {
        var cache = Cache();
        _storage.Value = "v1";
        await cache.GetAsync("k");
        _storage.Down = true;

        cache.Set("k", "written", _clock.GetTimestamp());
        _clock.Advance(Fresh);

        Assert.Equal("written", await cache.GetAsync("k"));
    }

    [Fact]
    public async Task GetAsync_PastMaxEntries_KeepsValuesFoundAndDropsKeysNotFound()
    {
        var cache = new RefreshingCache<string?>(_storage.ReadAsync, Fresh, LastKnown, _clock, maxEntries: 3);
        _storage.Value = "found";
        await cache.GetAsync("known");
        _storage.Value = null;
        for (var i = 0; i < 4; i++)
        {
            await cache.GetAsync($"missing{i}");
        }
        _storage.Down = true;

        _clock.Advance(Fresh);
        var known = await cache.GetAsync("known");

        Assert.Equal("found", known);
    }

    private RefreshingCache<string?> Cache() => new(_storage.ReadAsync, Fresh, LastKnown, _clock, slowRead: SlowRead);

    // A background read completes on the thread pool: poll the cache (without moving the clock) until it shows.
    private static async Task<string?> WhenAsync(RefreshingCache<string?> cache, string key, Func<string?, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var value = await cache.GetAsync(key);
            if (done(value))
            {
                return value;
            }
            await Task.Delay(10);
        }
        return await cache.GetAsync(key);
    }

    /// <summary>A stand-in for a storage read: answers <see cref="Value"/>, or times out while <see cref="Down"/>, or
    /// holds reads without an answer between <see cref="Stall"/> and <see cref="Resume"/>.</summary>
    private sealed class Storage
    {
        private int _reads;
        private TaskCompletionSource? _stalled;
        private readonly TaskCompletionSource _stallReached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Stall() => _stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Resume() => _stalled?.TrySetResult();

        public Task WaitForStalledAsync() => _stallReached.Task.WaitAsync(TimeSpan.FromSeconds(5));

        public string? Value { get; set; }
        public bool Down { get; set; }
        public int Reads => Volatile.Read(ref _reads);

        public async Task<string?> ReadAsync(string key)
        {
            await Task.Yield();
            if (_stalled is { } stalled)
            {
                _stallReached.TrySetResult();
                await stalled.Task;
            }
            var down = Down;
            var value = Value;
            Interlocked.Increment(ref _reads);
            return down ? throw new TimeoutException("storage did not answer") : value;
        }

        public async Task WaitForReadsAsync(int count)
        {
            for (var i = 0; i < 200 && Reads < count; i++)
            {
                await Task.Delay(10);
            }
        }
    }
}
