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
    /// Skips the semantic policy walk; the IL check still runs on every emitted assembly. Set only for a mechanical edit
    /// of source that passed the walk — a mutant (an operator flipped, a statement dropped, a return replaced by
    /// <c>default</c>: nothing the IL check would not see, and its diagnostics are never shown to anyone) — and by tests
    /// that show the IL check stands on its own. The walk binds every member body a second time (the emit binds them
    /// once), so skipping it saves much of a mutant's build.
    /// </summary>
    public bool SkipSemanticPolicy { get; init; }
}
