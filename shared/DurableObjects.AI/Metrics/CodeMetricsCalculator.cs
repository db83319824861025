using DurableObjects.AI.Schemas;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DurableObjects.AI.Metrics;

/// <summary>Measures <see cref="CodeMetrics"/> from C# source with Roslyn syntax trees (parse only, nothing runs).</summary>
public static class CodeMetricsCalculator
{
    /// <summary>Measures every <c>.cs</c> file.</summary>
    public static CodeMetrics Measure(IEnumerable<SourceFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var methods = new List<MethodMetrics>();
        int count = 0, totalLines = 0, codeLines = 0, publicMembers = 0, documented = 0, broken = 0;
        foreach (var file in files.Where(f => f.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)))
        {
            count++;
            var tree = CSharpSyntaxTree.ParseText(file.Content, path: file.Path);
            var root = tree.GetRoot();
            broken += tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? 1 : 0;
            var lines = tree.GetText().Lines;
            totalLines += lines.Count;
            codeLines += lines.Count(l => IsCode(l.ToString()));
            methods.AddRange(root.DescendantNodes().Select(Method).OfType<MethodMetrics>());
            foreach (var member in root.DescendantNodes().OfType<MemberDeclarationSyntax>().Where(IsPublic))
            {
                publicMembers++;
                documented += HasDocComment(member) ? 1 : 0;
            }
        }

        return new CodeMetrics
        {
            Files = count,
            TotalLines = totalLines,
            CodeLines = codeLines,
            Methods = methods,
            PublicMembers = publicMembers,
            DocumentedPublicMembers = documented,
            FilesWithSyntaxErrors = broken,
        };
    }

    /// <summary>Measures one snippet.</summary>
    public static CodeMetrics Measure(string code) => Measure([SourceFile.Of("Snippet.cs", code)]);

    private static MethodMetrics? Method(SyntaxNode node)
    {
        SyntaxNode? body = node switch
        {
            BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
            AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
            _ => null,
        };
        if (body is null)
        {
            return null;
        }

        var span = node.GetLocation().GetLineSpan();
        var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
        return new MethodMetrics(Name(node), ComplexityWalker.Measure(body), lines);
    }

    private static string Name(SyntaxNode node)
    {
        var type = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? "?";
        var member = node switch
        {
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            ConstructorDeclarationSyntax => ".ctor",
            DestructorDeclarationSyntax => "Finalize",
            OperatorDeclarationSyntax o => "operator " + o.OperatorToken.ValueText,
            ConversionOperatorDeclarationSyntax c => "operator " + c.Type,
            AccessorDeclarationSyntax a => $"{PropertyName(a)}.{a.Keyword.ValueText}",
            _ => node.Kind().ToString(),
        };
        return $"{type}.{member}";
    }

    private static string PropertyName(AccessorDeclarationSyntax accessor) => accessor.Parent?.Parent switch
    {
        PropertyDeclarationSyntax p => p.Identifier.ValueText,
        EventDeclarationSyntax e => e.Identifier.ValueText,
        IndexerDeclarationSyntax => "this[]",
        _ => "?",
    };

    // Counted: public members of types, and public types; members of interfaces are public by default.
    private static bool IsPublic(MemberDeclarationSyntax member)
    {
        if (member is NamespaceDeclarationSyntax or FileScopedNamespaceDeclarationSyntax or GlobalStatementSyntax)
        {
            return false;
        }

        if (member.Modifiers.Any(SyntaxKind.PublicKeyword))
        {
            return true;
        }

        return member.Parent is InterfaceDeclarationSyntax && !member.Modifiers.Any(SyntaxKind.PrivateKeyword);
    }

    private static bool HasDocComment(MemberDeclarationSyntax member) =>
        member.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
            || t.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia));

    private static bool IsCode(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal)
            && !trimmed.StartsWith("/*", StringComparison.Ordinal) && !trimmed.StartsWith('*');
    }
}
