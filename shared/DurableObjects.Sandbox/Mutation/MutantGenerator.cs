using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DurableObjects.Sandbox.Mutation;

/// <summary>
/// Makes a bounded set of mutants of chosen methods, each one small, plausible bug: a return value replaced by the
/// type's default, a comparison or arithmetic or logical operator flipped, a statement dropped. Mutants are spread
/// round-robin over the methods so each gets its strongest mutants first. Edits are made on the source text at the
/// syntax node's span; a mutant that then does not compile is the caller's to discard.
/// </summary>
public static class MutantGenerator
{
    private static readonly Dictionary<SyntaxKind, string> Flips = new()
    {
        [SyntaxKind.LessThanToken] = ">=",
        [SyntaxKind.LessThanEqualsToken] = ">",
        [SyntaxKind.GreaterThanToken] = "<=",
        [SyntaxKind.GreaterThanEqualsToken] = "<",
        [SyntaxKind.EqualsEqualsToken] = "!=",
        [SyntaxKind.ExclamationEqualsToken] = "==",
        [SyntaxKind.PlusToken] = "-",
        [SyntaxKind.MinusToken] = "+",
        [SyntaxKind.AsteriskToken] = "/",
        [SyntaxKind.SlashToken] = "*",
        [SyntaxKind.PercentToken] = "*",
        [SyntaxKind.AmpersandAmpersandToken] = "||",
        [SyntaxKind.BarBarToken] = "&&",
    };

    /// <summary>At most <paramref name="max"/> mutants of the <paramref name="methods"/> (<c>Type.Method</c>) in the files.</summary>
    public static IReadOnlyList<Mutant> Generate(IReadOnlyDictionary<string, string> files, IReadOnlyCollection<string> methods, int max)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(methods);
        var wanted = methods.ToHashSet(StringComparer.Ordinal);
        var queues = MutationSites.Methods(files).Where(m => wanted.Contains(m.Key))
            .Select(m => new Queue<Mutant>(Sites(files, m.Key, m.Path, m.Method)))
            .Where(q => q.Count > 0)
            .ToList();
        var mutants = new List<Mutant>();
        while (mutants.Count < max && queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                if (mutants.Count >= max)
                {
                    break;
                }
                mutants.Add(queue.Dequeue());
            }
        }
        return mutants;
    }

    private static IEnumerable<Mutant> Sites(IReadOnlyDictionary<string, string> files, string key, string path, MethodDeclarationSyntax method)
    {
        var text = files[path];
        Mutant Edit(TextSpan span, string replacement, string description)
        {
            var changed = new Dictionary<string, string>(files, StringComparer.Ordinal)
            {
                [path] = string.Concat(text.AsSpan(0, span.Start), replacement, text.AsSpan(span.End)),
            };
            return new Mutant(key, description, changed);
        }

        if (!MutationSites.IsVoid(method))
        {
            if (method.ExpressionBody is { } arrow)
            {
                yield return Edit(arrow.Expression.Span, "default!", $"{Quote(arrow.Expression)} → default");
            }
            foreach (var ret in method.Body?.DescendantNodes().OfType<ReturnStatementSyntax>().Where(r => r.Expression is not null && OwnedBy(r, method)) ?? [])
            {
                yield return Edit(ret.Expression!.Span, "default!", $"return {Quote(ret.Expression!)} → return default");
            }
        }
        foreach (var binary in method.DescendantNodes().OfType<BinaryExpressionSyntax>().Where(b => Flips.ContainsKey(b.OperatorToken.Kind()) && OwnedBy(b, method)))
        {
            var flipped = Flips[binary.OperatorToken.Kind()];
            yield return Edit(binary.OperatorToken.Span, flipped, $"{Quote(binary)} → '{binary.OperatorToken.Text}' flipped to '{flipped}'");
        }
        foreach (var statement in method.Body?.DescendantNodes().OfType<ExpressionStatementSyntax>().Where(s => OwnedBy(s, method)) ?? [])
        {
            yield return Edit(statement.Span, "{ }", $"dropped {Quote(statement)}");
        }
    }

    // Lambdas and local functions inside the method are mutated too, but not nested types' members.
    private static bool OwnedBy(SyntaxNode node, MethodDeclarationSyntax method) =>
        node.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault() == method;

    private static string Quote(SyntaxNode node)
    {
        var text = string.Join(' ', node.ToString().Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return "'" + (text.Length > 60 ? text[..57] + "..." : text) + "'";
    }
}
