using DurableObjects.Orchestrations.Runs;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.UnitTests.Runs;

public sealed class RunStartLimiterTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void TryStart_UpToTheHourlyBound_Allows()
    {
        var limiter = Limiter(3);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(limiter.TryStart("ada")));
    }

    [Fact]
    public void TryStart_PastTheBound_RefusesWith429AndWhenToComeBack()
    {
        var limiter = Limiter(3);
        for (var i = 0; i < 3; i++)
        {
            limiter.TryStart("ada");
        }

        var refused = limiter.TryStart("ada");

        Assert.NotNull(refused);
        Assert.Equal(ErrorKind.TooManyRequests, refused.Kind);
        // One start comes back every 20 minutes at 3 an hour.
        Assert.Equal(TimeSpan.FromMinutes(20), refused.RetryAfter);
        Assert.Contains("about 20 minutes", refused.Message);
    }

    [Fact]
    public void TryStart_AfterTheRetryAfter_AllowsOneMore()
    {
        var limiter = Limiter(3);
        for (var i = 0; i < 3; i++)
        {
            limiter.TryStart("ada");
        }
        var wait = limiter.TryStart("ada")!.RetryAfter!.Value;

        _clock.Now += wait;

        Assert.Null(limiter.TryStart("ada"));
        Assert.NotNull(limiter.TryStart("ada"));
    }

    [Fact]
    public void TryStart_OnePersonAtTheBound_OthersStillStart()
    {
        var limiter = Limiter(1);
        limiter.TryStart("ada");

        Assert.NotNull(limiter.TryStart("ada"));
        Assert.Null(limiter.TryStart("grace"));
    }

    [Fact]
    public void TryStart_RefusedAttempts_DoNotPushTheNextStartFurtherAway()
    {
        var limiter = Limiter(2);
        limiter.TryStart("ada");
        limiter.TryStart("ada");
        var first = limiter.TryStart("ada")!.RetryAfter;

        for (var i = 0; i < 50; i++)
        {
            limiter.TryStart("ada");
        }

        Assert.Equal(first, limiter.TryStart("ada")!.RetryAfter);
    }

    [Fact]
    public void TryStart_BoundZero_NeverRefuses()
    {
        var limiter = Limiter(0);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Null(limiter.TryStart("ada")));
    }

    private RunStartLimiter Limiter(int perHour) =>
        new(Options.Create(new PipelineOptions { MaxRunsPerUserPerHour = perHour }), _clock);

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
