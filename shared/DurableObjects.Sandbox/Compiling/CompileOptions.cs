namespace DurableObjects.Sandbox.Compiling;

/// <summary>Per-compilation choices.</summary>
/// <param name="ObjectName">
/// The object's name; when the code declares more than one candidate API class, the one whose name matches this
/// (ignoring case, dashes and underscores) is the API.
/// </param>
/// <param name="EmitPdb">Whether to also produce a portable PDB (line numbers in diagnostics from the runner).</param>
public sealed record CompileOptions(string? ObjectName = null, bool EmitPdb = false)
{
    /// <summary>Defaults: no object name, no PDB.</summary>
    public static CompileOptions Default { get; } = new();

    /// <summary>
    /// Test hook: skips the semantic policy walk so the IL check can be shown to stand on its own. Never set in
    /// production code.
    /// </summary>
    internal bool SkipSemanticPolicy { get; init; }
}
