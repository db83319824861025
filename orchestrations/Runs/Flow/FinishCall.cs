using DurableObjects.Orchestrations.Runs.Steps;

namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>How the run ended: recorded, notified, audited.</summary>
public sealed record FinishCall(string RunId, RunFinish Finish);
