using System.Globalization;
using System.Text;
using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Judges;

/// <summary>
/// Grounds factuality claims by execution: turns the verifier's <see cref="ExecutableCheck"/>s into a test class in
/// the Sandbox runner's convention (public parameterless <c>bool</c> methods of a class ending in <c>Tests</c>). The
/// host compiles it with the candidate's source files only (in place of the candidate's own tests, since the runner
/// runs a single test class) and runs it as a separate <c>factuality-checks</c> gate in the sandbox runner. The
/// expressions are untrusted model output: they pass the same compiler and sandbox policy as any object code and
/// never execute in the host. A check that does not compile is inconclusive, not a failure of the candidate.
/// </summary>
public static class FactualityCheckTests
{
    /// <summary>Name of the generated test class.</summary>
    public const string ClassName = "FactualityChecksTests";

    /// <summary>Path of the generated file.</summary>
    public const string Path = "Tests/FactualityChecksTests.cs";

    /// <summary>The test file, or null when there are no checks. Each check compares with <c>==</c>.</summary>
    public static SourceFile? Build(IReadOnlyList<ExecutableCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        if (checks.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"/// <summary>Checks proposed by the factuality verifier.</summary>\npublic sealed class {ClassName}\n{{\n");
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            text.Append(CultureInfo.InvariantCulture, $"    /// <summary>{Escape(check.Description)}</summary>\n");
            text.Append(CultureInfo.InvariantCulture, $"    public bool Check{i + 1}() => ({OneLine(check.Expression)}) == ({OneLine(check.Expected)});\n\n");
        }

        return SourceFile.Of(Path, text.ToString().TrimEnd() + "\n}\n");
    }

    // One line each, so a check cannot add members or close the class through line structure; anything else it
    // might do is caught by the compiler and the sandbox policy.
    private static string OneLine(string code) => code.ReplaceLineEndings(" ").Trim();

    private static string Escape(string text) =>
        OneLine(text).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
