using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// The checking runners of this host: one runner process per candidate for the builds its gates check (the candidate
/// with the kept tests, its mutants), shared by those gates while any of them holds a lease, instead of one process
/// per gate. Each process is its own (<see cref="RunnerPool.Rent"/>: never the one that serves or will serve the
/// candidate) and is stopped when the last lease ends. Register as a singleton.
/// </summary>
/// <remarks>
/// Why one per candidate and not one per gate: the gates run as parallel activities and every process is a runtime
/// start; under many concurrent runs on two cores the extra process per candidate is what throughput paid for. The
/// builds of one candidate come from the same object, so sharing a process crosses no trust boundary, and each build
/// still runs in a collectible load context of its own. Gates on different hosts simply get a process each.
/// </remarks>
public sealed class CheckRunners(RunnerPool runners)
{
    private readonly Dictionary<RunnerKey, Shared> _shared = [];

    /// <summary>The options the checking processes run under.</summary>
    public RunnerOptions Options => runners.Options;

    /// <summary>
    /// A lease on the checking runner for <paramref name="deployment"/>'s key (its process starts on first use);
    /// dispose it when the check ends.
    /// </summary>
    public CheckRunner Acquire(RunnerDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        lock (_shared)
        {
            if (!_shared.TryGetValue(deployment.Key, out var shared))
            {
                shared = new Shared(deployment, runners.Rent(deployment));
                _shared[deployment.Key] = shared;
            }
            shared.Holders++;
            return new CheckRunner(this, shared);
        }
    }

    /// <summary>Ends one lease; true when it was the last (the caller then stops the process).</summary>
    internal bool Release(Shared shared)
    {
        lock (_shared)
        {
            if (--shared.Holders > 0)
            {
                return false;
            }
            _shared.Remove(shared.Key);
            return true;
        }
    }

    /// <summary>One checking process and the turn its builds take one at a time.</summary>
    internal sealed class Shared(RunnerDeployment candidate, RunnerClient client)
    {
        public RunnerKey Key => Candidate.Key;

        /// <summary>The candidate's own build, which the process was acquired for.</summary>
        public RunnerDeployment Candidate { get; } = candidate;

        public RunnerClient Client { get; } = client;

        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>Leases held (guarded by the owner's lock).</summary>
        public int Holders { get; set; }
    }
}
