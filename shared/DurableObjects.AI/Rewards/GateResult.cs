namespace DurableObjects.AI.Rewards;

/// <summary>
/// The outcome of a verifiable gate (compiler, sandbox policy, API contract, tests in the sandbox). Produced by
/// deterministic code, never by a model; a failed gate rejects the candidate whatever the judges say.
/// </summary>
/// <param name="Name">Gate name, e.g. <c>compile</c>, <c>policy</c>, <c>api-contract</c>, <c>tests</c>.</param>
/// <param name="Passed">Whether the candidate passed.</param>
/// <param name="Details">One-line summary.</param>
/// <param name="Diagnostics">Individual findings (compiler errors, failing tests, policy violations).</param>
public sealed record GateResult(string Name, bool Passed, string Details, IReadOnlyList<string> Diagnostics)
{
    /// <summary>Measured numbers the gate reports (e.g. <c>mutationScore</c>); shown to the judges as trusted facts.</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    /// <summary>
    /// Set on a passed gate whose finding needs a person's decision (kept tests changed as the plan declared): the
    /// candidate may be accepted, but the run must then wait for approval whatever its policy says.
    /// </summary>
    public string? ApprovalReason { get; init; }

    /// <summary>A passed gate.</summary>
    public static GateResult Pass(string name, string details = "passed", IReadOnlyList<string>? diagnostics = null) =>
        new(name, true, details, diagnostics ?? []);

    /// <summary>A failed gate.</summary>
    public static GateResult Fail(string name, string details, IReadOnlyList<string>? diagnostics = null) =>
        new(name, false, details, diagnostics ?? []);
}
