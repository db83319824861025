using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// One gate's lease on a candidate's checking runner (<see cref="CheckRunners"/>). Builds run one at a time: a build
/// that exceeds its timeout kills the process (the next build starts another), and running one at a time means that
/// never cuts off another gate's build, so every verdict is the one the build would get in a process of its own. The
/// timeout of a build counts from when it is sent, not while it waits for its turn.
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

    /// <summary>Runs the tests of a compiled build in a load context of its own in the checking process; see <see cref="RunnerClient.RunTestsOfAsync"/>.</summary>
    public async Task<TestRunOutcome> RunTestsOfAsync(byte[] assembly, string apiClass, string testClass, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _released) != 0, this);
        await _shared.Turn.WaitAsync(cancellationToken);
        try
        {
            return await _shared.Client.RunTestsOfAsync(assembly, apiClass, testClass, timeout, cancellationToken);
        }
        finally
        {
            _shared.Turn.Release();
        }
    }

    /// <summary>Ends this lease (once, however often it is called); the last lease stops the process.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0 && _owner.Release(_shared))
        {
            await _shared.Client.DisposeAsync();
        }
    }
}
