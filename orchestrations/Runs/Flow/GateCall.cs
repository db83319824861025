namespace DurableObjects.Orchestrations.Runs.Flow;

/// <summary>One verifiable gate of one iteration's candidate (see <see cref="Evaluation.SandboxGates.Fanned"/>).</summary>
public sealed record GateCall(string RunId, int Iteration, string Gate);
