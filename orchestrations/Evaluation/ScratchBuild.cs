using DurableObjects.Sandbox.Compiling;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>
/// Builds that are checked and thrown away (a candidate with the kept tests, a mutant): compiled under the same
/// sandbox policy as any version, off the caller's thread and bounded in time, never cached or stored, and only ever
/// loaded by a runner process.
/// </summary>
internal static class ScratchBuild
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <param name="mutant">The files are a mutant of a candidate that passed the policy (its build skips the semantic
    /// walk; see <see cref="CompileOptions.SkipSemanticPolicy"/>).</param>
    public static async Task<CompilationResult> CompileAsync(ObjectCompiler compiler, string objectName, IReadOnlyDictionary<string, string> files,
        CancellationToken cancellationToken, bool mutant = false)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        var options = new CompileOptions(objectName) { SkipSemanticPolicy = mutant };
        return await Task.Run(() => compiler.Compile(files, options, limit.Token), limit.Token);
    }
}
