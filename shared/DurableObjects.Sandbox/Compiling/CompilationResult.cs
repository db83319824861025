using DurableObjects.Sandbox.Api;

namespace DurableObjects.Sandbox.Compiling;

/// <summary>
/// The outcome of compiling one object version. When <see cref="Success"/> is true the assembly passed the C#
/// compiler, the semantic policy check and the IL policy check, and <see cref="Api"/> describes its API; the bytes are
/// safe to hand to a runner (and only to a runner: they are never loaded into the host).
/// </summary>
public sealed record CompilationResult(
    bool Success,
    string AssemblyName,
    string ContentHash,
    byte[]? Assembly,
    byte[]? Pdb,
    ApiSchema? Api,
    IReadOnlyList<CompilerDiagnostic> Diagnostics)
{
    /// <summary>The diagnostics that failed the compilation.</summary>
    public IEnumerable<CompilerDiagnostic> Errors => Diagnostics.Where(d => d.Level == DiagnosticLevel.Error);
}
