namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// A version's compiled form: the assembly (policy-checked twice, only ever loaded by a runner), its derived API
/// schema, and the classes a runner needs; or, when the code cannot run, the diagnostics that say why.
/// </summary>
public sealed record CompiledArtifact(
    string ContentHash,
    byte[]? Assembly,
    string? ApiSchemaJson,
    string? ApiClass,
    string? TestClass,
    IReadOnlyList<string> Errors)
{
    public bool Success => Assembly is not null && Errors.Count == 0;
}
