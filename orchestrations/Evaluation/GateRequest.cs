using DurableObjects.AI.Schemas;
using Ai = DurableObjects.AI.Contracts;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// What the sandbox gates check: the candidate's complete files (tests included), the current version's API schema
/// (Sandbox JSON; null for a creation), the plan's declared breaking changes and test changes, or the planned API of a
/// creation; the version whose kept tests are the reference, and the mutation check's settings.
/// </summary>
public sealed record GateRequest(
    string ObjectName,
    IReadOnlyDictionary<string, string> Files,
    string? CurrentApiJson,
    CodePlan? Plan,
    Ai.ApiSchema? PlannedApi)
{
    /// <summary>
    /// The stored version whose kept tests every candidate must pass, as stored (read from Blob Storage by content
    /// hash, never from the candidate); null for a creation. Only the plan's <see cref="CodePlan.TestChanges"/> may
    /// change or remove one of them, and that makes the run wait for a person's approval.
    /// </summary>
    public int? KeptTestsVersion { get; init; }

    /// <summary>The mutation check's threshold and cost bounds.</summary>
    public MutationSettings Mutation { get; init; } = MutationSettings.Default;
}
