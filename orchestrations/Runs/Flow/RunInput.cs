namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>
/// An orchestration's input: the run id (also its instance id) and the version of the run's flow it was started with.
/// Everything else is read by the activities.
/// </summary>
/// <remarks>
/// The engine replays a run's history through today's orchestrator code, so a run started by an older version must
/// keep scheduling the same activities in the same order. <see cref="Flow"/> says which sequence a run follows; an
/// input written before it existed reads as <see cref="RunFlowVersions.Separate"/>.
/// </remarks>
public sealed record RunInput(string RunId, int Flow = RunFlowVersions.Separate);

/// <summary>The sequences a run's orchestrator can follow (see <see cref="RunInput.Flow"/>).</summary>
public static class RunFlowVersions
{
    /// <summary>Every step is its own activity: context, plan, …, decision, commit, deploy, one after the other.</summary>
    public const int Separate = 0;

    /// <summary>
    /// Steps that always follow one another share an activity: a run's start (policy, context, plan and, without a
    /// budget, the first candidate) is one (<c>PrepareRunActivity</c>), and an accepted candidate that needs no approval
    /// is decided, committed, deployed and the run ended by one (<c>ConcludeActivity</c>): five queue hops fewer per run.
    /// Each step is still recorded, and keeps its guarantee, as before.
    /// </summary>
    public const int Combined = 1;

    /// <summary>What new runs follow.</summary>
    public const int Current = Combined;
}
