using System.Globalization;
using System.Text;
using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Judges;

/// <summary>
/// Grounds factuality claims by execution: turns the verifier's <see cref="ExecutableCheck"/>s into an xunit test file
/// the host runs in the sandbox runner beside the candidate (e.g. as a separate <c>factuality-checks</c> gate). The
/// expressions are untrusted model output: they go through the same compiler and sandbox policy as any object code
/// and never execute in the host.
/// </summary>
public static class FactualityCheckTests
{
    /// <summary>Path of the generated file.</summary>
    public const string Path = "Tests/FactualityChecks.cs";

    /// <summary>The test file, or null when there are no checks.</summary>
    public static SourceFile? Build(IReadOnlyList<ExecutableCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        if (checks.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        text.Append("using Xunit;\n\n/// <summary>Checks proposed by the factuality verifier.</summary>\npublic sealed class FactualityChecks\n{\n");
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            text.Append(CultureInfo.InvariantCulture, $"    /// <summary>{Escape(check.Description)}</summary>\n");
            text.Append(CultureInfo.InvariantCulture, $"    [Fact]\n    public void Check{i + 1}() => Assert.Equal({OneLine(check.Expected)}, {OneLine(check.Expression)});\n\n");
        }

        return SourceFile.Of(Path, text.ToString().TrimEnd() + "\n}\n");
    }

    // One line each, so a check cannot smuggle extra members or close the class through line structure; anything
    // else it might do is caught by the compiler and the sandbox policy.
    private static string OneLine(string code) => code.ReplaceLineEndings(" ").Trim();

    private static string Escape(string text) =>
        OneLine(text).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
