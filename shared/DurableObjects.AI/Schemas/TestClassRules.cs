using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DurableObjects.AI.Schemas;

/// <summary>
/// Syntax-only check of the Sandbox runner's test convention: across all files exactly one public class whose name
/// ends in <c>Tests</c>, declared in a test file. Catching this here costs a re-ask instead of a sandbox run.
/// </summary>
internal static class TestClassRules
{
    public static IEnumerable<string> Validate(IReadOnlyList<SourceFile> files, IReadOnlyList<SourceFile> tests)
    {
        var inFiles = TestClasses(files).ToList();
        var inTests = TestClasses(tests).ToList();
        if (inFiles.Count > 0)
        {
            yield return $"Files must not declare test classes ({string.Join(", ", inFiles)}); put the test class in Tests.";
        }

        if (tests.Count > 0 && inTests.Count != 1)
        {
            yield return inTests.Count == 0
                ? "Tests must declare one public class whose name ends in 'Tests' (e.g. public sealed class CounterTests)."
                : $"Tests must declare exactly one public class ending in 'Tests', found {string.Join(", ", inTests)}.";
        }
    }

    private static IEnumerable<string> TestClasses(IEnumerable<SourceFile?> files) => files
        .Where(f => !string.IsNullOrEmpty(f?.Content))
        .SelectMany(f => CSharpSyntaxTree.ParseText(f!.Content).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
        .Where(c => c.Modifiers.Any(SyntaxKind.PublicKeyword) && c.Parent is not TypeDeclarationSyntax
            && c.Identifier.ValueText.EndsWith("Tests", StringComparison.Ordinal))
        .Select(c => c.Identifier.ValueText);
}
