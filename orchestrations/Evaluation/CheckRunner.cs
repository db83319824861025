using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// One gate's lease on a candidate's checking runner (<see cref="CheckRunners"/>). Everything sent to it runs one at a
/// time: a build that exceeds its timeout kills the process (the next starts another), and running one at a time
/// means that never cuts off another gate's run, so every verdict is the one the run would get in a process of its
/// own. The timeout of a run counts from when it is sent, not while it waits for its turn.
/// </summary>
public sealed class CheckRunner : IAsyncDisposable
{
    private readonly CheckRunners _owner;
    private readonly CheckRunners.Shared _shared;
    private int _released;

    internal CheckRunner(CheckRunners owner, CheckRunners.Shared shared)
    {
        _owner = owner;
        _shared = shared;
    }

    /// <summary>The candidate's own build (what the checking process was acquired for).</summary>
    public RunnerDeployment Candidate => _shared.Candidate;

    /// <summary>How many runner processes the shared checking runner has started (restarts after a timeout included).</summary>
    public int StartCount => _shared.Client.StartCount;

    /// <summary>
    /// Runs the candidate's own tests (its shipped test class), bounded by <see cref="RunnerOptions.TestTimeout"/>, once
    /// per checking process: the tests gate and a kept-tests gate whose reference build is the candidate's own (it
    /// carries the kept tests as stored) ask for the same tests of the same build, so the second takes the first's
    /// outcome instead of loading and running the build again. A run that was cancelled or failed to complete is not
    /// shared: the next caller runs the tests itself.
    /// </summary>
    public async Task<TestRunOutcome> RunCandidateTestsAsync(CancellationToken cancellationToken)
    {
        Task<TestRunOutcome> run;
        lock (_shared)
        {
            if (_shared.CandidateTests is not { IsFaulted: false, IsCanceled: false } shared)
            {
                shared = InTurnAsync(client => client.RunTestsAsync(cancellationToken), cancellationToken);
                _shared.CandidateTests = shared;
            }
            run = shared;
        }
        try
        {
            return await run.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The gate that started the shared run was cancelled; this one was not.
            return await InTurnAsync(client => client.RunTestsAsync(cancellationToken), cancellationToken);
        }
    }

    /// <summary>Runs the tests of a compiled build in a load context of its own in the checking process; see <see cref="RunnerClient.RunTestsOfAsync"/>.</summary>
    public Task<TestRunOutcome> RunTestsOfAsync(byte[] assembly, string apiClass, string testClass, TimeSpan timeout, CancellationToken cancellationToken) =>
        InTurnAsync(client => client.RunTestsOfAsync(assembly, apiClass, testClass, timeout, cancellationToken), cancellationToken);

    /// <summary>
    /// Keeps the candidate's process registered after the last lease (its tests passed: a deploy serves from it), when
    /// it is the pool's client for the candidate and not a process of the checks' own.
    /// </summary>
    public void Keep() => _shared.Kept = true;

    private async Task<TestRunOutcome> InTurnAsync(Func<RunnerClient, Task<TestRunOutcome>> run, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _released) != 0, this);
        await _shared.Turn.WaitAsync(cancellationToken);
        try
        {
            return await run(_shared.Client);
        }
        finally
        {
            _shared.Turn.Release();
        }
    }

    /// <summary>Ends this lease (once, however often it is called); the last lease stops the process unless it was kept.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            await _owner.ReleaseAsync(_shared);
        }
    }
}
