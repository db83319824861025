namespace DurableObjects.Orchestrations.Runs.Steps;

/// <summary>
/// The version a modification starts from, journaled at the start so a resumed run plans, generates and checks
/// against the same code even if the object changed meanwhile.
/// </summary>
public sealed record RunBasis(int Version, IReadOnlyDictionary<string, string> Files, string? ApiSchemaJson);
