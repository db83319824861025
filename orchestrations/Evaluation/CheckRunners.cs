using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// The checking runners of this host: one runner process per candidate for everything its gates run — the candidate's
/// own tests, the candidate with the kept tests, its mutants — shared by those gates while any of them holds a lease.
/// It is the candidate's own runner (the pool's client for its key): when its tests pass here, the lease holder marks
/// it kept (<see cref="CheckRunner.Keep"/>) and a deploy of the candidate serves from the process the checks warmed
/// (unless this host serves it by then, it is released after the runners' idle time); when nothing kept it, the last
/// lease stops and unregisters it. A candidate whose key the pool already serves (the
/// same content as a deployed version) is checked in a process of its own, so checks never run in a serving process.
/// Register as a singleton.
/// </summary>
/// <remarks>
/// Why one process and not one per gate or one for the checks beside the candidate's: every process is a runtime start
/// (about a quarter of a core-second here), and measured back to back a second process per candidate was a fifth of a
/// run's CPU. It crosses no trust boundary: every build it runs is the candidate or derived from it (its kept tests, a
/// mutant: the candidate with one change), compiled under the same sandbox policy, each in a collectible load context of
/// its own that is unloaded afterwards, so a build can do nothing in it that the candidate's own code could not. What
/// sharing could break is verdicts: a build that exceeds its timeout kills the process. So builds take turns
/// (<see cref="CheckRunner"/>), the killed process is replaced on the next build (and the deploy starts a fresh one),
/// and every verdict is the one the build would get in a process of its own. Gates on different hosts get a process each.
/// </remarks>
public sealed class CheckRunners(RunnerPool runners, ServingRunners? serving = null)
{
    private readonly Dictionary<RunnerKey, Shared> _shared = [];

    /// <summary>The options the checking processes run under.</summary>
    public RunnerOptions Options => runners.Options;

    /// <summary>
    /// A lease on the checking runner for <paramref name="candidate"/>'s key (its process starts on first use); dispose
    /// it when the check ends.
    /// </summary>
    public CheckRunner Acquire(RunnerDeployment candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        lock (_shared)
        {
            if (!_shared.TryGetValue(candidate.Key, out var shared))
            {
                // Registered already: it serves (or will) a deployed version of the same content. Leave it alone.
                shared = runners.TryGet(candidate.Key, out _)
                    ? new Shared(candidate, runners.Rent(candidate), registered: false)
                    : new Shared(candidate, runners.GetOrAdd(candidate), registered: true);
                _shared[candidate.Key] = shared;
            }
            shared.Holders++;
            return new CheckRunner(this, shared);
        }
    }

    /// <summary>The key of a candidate's checking runner, which a deploy of the candidate on this host serves from.</summary>
    public static RunnerKey CandidateKey(string objectName, string contentHash) => new(ObjectName.ToKey(objectName), contentHash);

    /// <summary>
    /// Drops the process the checks kept for <paramref name="key"/>'s deploy once that deploy will not come (its
    /// candidate was rejected, or its run ended without deploying it here), instead of after the runners' idle time;
    /// unless a gate still holds it, a deploy on this host is preparing it, or this host serves that content.
    /// </summary>
    public Task ReleaseKeptAsync(RunnerKey key)
    {
        lock (_shared)
        {
            // Decided and started under the lock leases are taken under: the pool unregisters the key before this
            // returns, so a lease taken afterwards (the same content checked again) gets a process of its own rather
            // than one stopped under it.
            return _shared.ContainsKey(key) || serving is null ? Task.CompletedTask : serving.ReleaseIfUnusedAsync(key);
        }
    }

    /// <summary>Ends one lease; the last one stops the process unless it was kept for the candidate's deploy.</summary>
    internal async ValueTask ReleaseAsync(Shared shared)
    {
        lock (_shared)
        {
            if (--shared.Holders > 0)
            {
                return;
            }
            _shared.Remove(shared.Key);
        }
        if (!shared.Registered)
        {
            await shared.Client.DisposeAsync();
        }
        else if (!shared.Kept)
        {
            await runners.RemoveAsync(shared.Key);
        }
        else if (runners.Options.IdleTimeout > TimeSpan.Zero)
        {
            // Kept for a deploy that may never come here: released after the idle time unless this host serves it
            // (no idle time: runners are kept until their object moves on, and so is this one).
            serving?.ReleaseIfUnusedAfter(shared.Key, runners.Options.IdleTimeout);
        }
    }

    /// <summary>One checking process and the turn its builds take one at a time.</summary>
    internal sealed class Shared(RunnerDeployment candidate, RunnerClient client, bool registered)
    {
        public RunnerKey Key => Candidate.Key;

        /// <summary>The candidate's own build, which the process was acquired for.</summary>
        public RunnerDeployment Candidate { get; } = candidate;

        public RunnerClient Client { get; } = client;

        /// <summary>The pool's client for the candidate (false: a process of its own, stopped at the last lease).</summary>
        public bool Registered { get; } = registered;

        /// <summary>The candidate passed its tests here: its process stays registered for the deploy.</summary>
        public bool Kept { get; set; }

        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>The candidate's own tests, run once in this process and shared by the gates that ask (guarded by this object's lock).</summary>
        public Task<TestRunOutcome>? CandidateTests { get; set; }

        /// <summary>Leases held (guarded by the owner's lock).</summary>
        public int Holders { get; set; }
    }
}
