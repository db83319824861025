namespace DurableObjects.Sandbox.Compiling;

/// <summary>
/// One finding about an object's code: a C# compiler diagnostic (<c>CS…</c>), a sandbox policy violation found on the
/// semantic model (<c>DO1001</c>) or in the emitted IL (<c>DO1002</c>), or an API shape problem (<c>DO2xxx</c>).
/// Lines and columns are 1-based; <see cref="File"/> is the path the file was submitted under, or <c>null</c> when
/// the finding has no source location (IL findings).
/// </summary>
public sealed record CompilerDiagnostic(
    string Id,
    DiagnosticLevel Level,
    string Message,
    string? File = null,
    int Line = 0,
    int Column = 0)
{
    /// <summary>Id of a policy violation found on the semantic model.</summary>
    public const string PolicyViolationId = "DO1001";

    /// <summary>Id of a policy violation found in the emitted IL.</summary>
    public const string IlPolicyViolationId = "DO1002";

    /// <summary>Id of a problem with the shape of the object's API (no API class, overloads, …).</summary>
    public const string ApiShapeId = "DO2001";

    /// <inheritdoc />
    public override string ToString() =>
        File is null ? $"{Level} {Id}: {Message}" : $"{File}({Line},{Column}): {Level} {Id}: {Message}";
}
