using System.Collections.Concurrent;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// How many runs one person may start: at most <see cref="PipelineOptions.MaxRunsPerUserPerHour"/> an hour, as a token
/// bucket per user (full at first, refilled evenly over the hour), so a script or a loop that starts runs — each of
/// which may call models and spend money — is stopped with a clear answer and told when to come back, whatever channel
/// it uses (HTTP, CLI, web, SMS, voice, Slack, monitors: every start goes through <see cref="RunLauncher"/>).
/// </summary>
/// <remarks>
/// Kept per host, in memory: no storage request on a run's path, and nothing to contend for when one person starts
/// a hundred runs at once. With several hosts a person may start up to that many times the bound an hour, and a
/// restarted host starts with full buckets: a safety net against runaway starts, not a billing quota (per-run
/// budgets bound what one run spends).
/// </remarks>
public sealed class RunStartLimiter(IOptions<PipelineOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one start for <paramref name="userId"/>; null when allowed, else why not and when to try again.</summary>
    public OperationError? TryStart(string userId)
    {
        var perHour = options.Value.MaxRunsPerUserPerHour;
        if (perHour <= 0)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var bucket = _buckets.GetOrAdd(userId, static (_, state) => new Bucket(state.perHour, state.now), (perHour, now));
        var wait = bucket.TryTake(perHour, now);
        if (wait is not { } retryAfter)
        {
            return null;
        }
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        return new OperationError(ErrorKind.TooManyRequests,
            $"You have started {perHour} runs within the last hour, the most one person may; the next can start in about " +
            $"{minutes} minute{(minutes == 1 ? "" : "s")} (DurableObjects:Pipeline:MaxRunsPerUserPerHour).")
        {
            RetryAfter = retryAfter,
        };
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        private double _tokens = tokens;
        private DateTimeOffset _at = at;

        // Null when a token was taken; otherwise how long until one is there.
        public TimeSpan? TryTake(int perHour, DateTimeOffset now)
        {
            lock (this)
            {
                var perSecond = perHour / 3600.0;
                if (now > _at)
                {
                    _tokens = Math.Min(perHour, _tokens + (now - _at).TotalSeconds * perSecond);
                    _at = now;
                }
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return null;
                }
                return TimeSpan.FromSeconds(Math.Ceiling((1 - _tokens) / perSecond));
            }
        }
    }
}
