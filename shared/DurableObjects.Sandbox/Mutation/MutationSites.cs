using DurableObjects.Sandbox.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DurableObjects.Sandbox.Mutation;

/// <summary>
/// The methods of an object's code (its non-test classes) by <c>Type.Method</c>, and which of them a candidate
/// changed or added, compared token by token (comments and layout do not count).
/// </summary>
public static class MutationSites
{
    /// <summary>
    /// Methods of <paramref name="candidate"/> whose code differs from <paramref name="current"/> or that it adds
    /// (all of them when <paramref name="current"/> is null: a creation).
    /// </summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string>? current, IReadOnlyDictionary<string, string> candidate)
    {
        var before = current is null ? new Dictionary<string, string>() : Methods(current).ToDictionary(m => m.Key, m => m.Text, StringComparer.Ordinal);
        return Methods(candidate).Where(m => !before.TryGetValue(m.Key, out var text) || text != m.Text)
            .Select(m => m.Key).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every method of the object's code whose simple name is one of <paramref name="names"/>.</summary>
    public static IReadOnlyList<string> Named(IReadOnlyDictionary<string, string> files, IReadOnlySet<string> names) =>
        Methods(files).Where(m => names.Contains(m.Key[(m.Key.LastIndexOf('.') + 1)..])).Select(m => m.Key).Distinct(StringComparer.Ordinal).ToList();

    internal static IEnumerable<(string Key, string Path, MethodDeclarationSyntax Method, string Text)> Methods(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (path, root) in TestSources.Parse(files))
        {
            foreach (var type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                if (type is ClassDeclarationSyntax c && TestSources.IsTestClass(c) || type.Ancestors().OfType<ClassDeclarationSyntax>().Any(TestSources.IsTestClass))
                {
                    continue;
                }
                foreach (var method in type.Members.OfType<MethodDeclarationSyntax>().Where(m => m.Body is not null || m.ExpressionBody is not null))
                {
                    yield return ($"{type.Identifier.Text}.{method.Identifier.Text}", path, method, TestSources.Normalized(method));
                }
            }
        }
    }

    internal static bool IsVoid(MethodDeclarationSyntax method) =>
        method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } ||
        (method.Modifiers.Any(SyntaxKind.AsyncKeyword) && method.ReturnType.ToString() is "Task" or "ValueTask" or "System.Threading.Tasks.Task");
}
