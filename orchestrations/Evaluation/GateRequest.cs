using DurableObjects.AI.Schemas;
using Ai = DurableObjects.AI.Contracts;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// What the sandbox gates check: the candidate's complete files (tests included), the current version's API schema
/// (Sandbox JSON; null for a creation), the plan's declared breaking changes, or the planned API of a creation.
/// </summary>
public sealed record GateRequest(
    string ObjectName,
    IReadOnlyDictionary<string, string> Files,
    string? CurrentApiJson,
    CodePlan? Plan,
    Ai.ApiSchema? PlannedApi);
