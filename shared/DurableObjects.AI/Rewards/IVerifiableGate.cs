namespace DurableObjects.AI.Rewards;

/// <summary>
/// A deterministic check of a candidate (no LLM): compile, sandbox policy, API contract, tests in the sandbox.
/// Implemented by the host over the Sandbox project; generated code must never execute in the host process.
/// </summary>
public interface IVerifiableGate
{
    /// <summary>Gate name reported in <see cref="GateResult.Name"/>.</summary>
    string Name { get; }

    /// <summary>Checks the candidate.</summary>
    Task<GateResult> CheckAsync(GateContext context, CancellationToken cancellationToken);
}
