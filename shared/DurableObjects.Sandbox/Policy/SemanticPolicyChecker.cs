using DurableObjects.Sandbox.Compiling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DurableObjects.Sandbox.Policy;

/// <summary>
/// First policy check: walks every syntax node of the object's code, resolves what it refers to on the semantic
/// model, and reports each use of a banned type, member or language feature at its source location. Implicit uses
/// the compiler adds (enumerators, awaiters, conversions) are covered by the second check, on the emitted IL.
/// </summary>
internal sealed class SemanticPolicyChecker(SandboxPolicy policy)
{
    private const string Pointers = "pointers and function pointers are not allowed";

    public IReadOnlyList<CompilerDiagnostic> Check(CSharpCompilation compilation, CancellationToken cancellationToken = default)
    {
        var findings = new List<CompilerDiagnostic>();
        var seen = new HashSet<(string?, int, string)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            // Symbols only: which type or member each node names. Nullability does not change that, and the model's
            // nullable analysis (which GetSymbolInfo runs for every member body) was a third of this walk's time. The
            // switch is Roslyn's experimental one; should it go, a copy of the compilation with nullable disabled
            // (WithOptions) does the same at about half the saving.
#pragma warning disable RSEXPERIMENTAL001
            var model = compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodesAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (SyntaxViolation(node) is { } syntaxReason)
                {
                    Report(node, syntaxReason);
                }

                if (node is (ExpressionSyntax or AttributeSyntax or ConstructorInitializerSyntax
                        or PrimaryConstructorBaseTypeSyntax) && !IsCoveredByParent(node))
                {
                    CheckReferences(model, node, compilation, Report);
                }
            }
        }

        return findings;

        void Report(SyntaxNode node, string reason)
        {
            var span = node.GetLocation().GetLineSpan();
            if (seen.Add((span.Path, span.StartLinePosition.Line * 10_000 + span.StartLinePosition.Character, reason)))
            {
                findings.Add(new CompilerDiagnostic(CompilerDiagnostic.PolicyViolationId, DiagnosticLevel.Error,
                    $"Sandbox policy: {reason}.", span.Path, span.StartLinePosition.Line + 1,
                    span.StartLinePosition.Character + 1));
            }
        }
    }

    /// <summary>
    /// Literals bind to no symbol, and the name in <c>a.B</c> or <c>A.B</c> binds to the same member as the whole
    /// access, which is checked itself; skipping them halves the semantic-model queries.
    /// </summary>
    private static bool IsCoveredByParent(SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax => true,
        SimpleNameSyntax name when node.Parent is MemberAccessExpressionSyntax access && access.Name == name => true,
        SimpleNameSyntax name when node.Parent is QualifiedNameSyntax qualified && qualified.Right == name => true,
        _ => false,
    };

    private static string? SyntaxViolation(SyntaxNode node) => node switch
    {
        UnsafeStatementSyntax => "unsafe code is not allowed",
        PointerTypeSyntax or FunctionPointerTypeSyntax => Pointers,
        StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax =>
            "stackalloc is not allowed",
        FixedStatementSyntax => "fixed statements (pinning) are not allowed",
        DestructorDeclarationSyntax => "finalizers run outside any invocation and are not allowed",
        MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax =>
            "typed references are not allowed",
        MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.UnsafeKeyword) =>
            "unsafe code is not allowed",
        MemberDeclarationSyntax member when member.Modifiers.Any(SyntaxKind.ExternKeyword) =>
            "extern methods (native interop) are not allowed",
        LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.UnsafeKeyword) =>
            "unsafe code is not allowed",
        LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.ExternKeyword) =>
            "extern methods (native interop) are not allowed",
        MethodDeclarationSyntax method when method.Modifiers.Any(SyntaxKind.AsyncKeyword) && YieldsIn(method.Body) => AsyncIterators,
        LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.AsyncKeyword) && YieldsIn(local.Body) => AsyncIterators,
        _ => null,
    };

    /// <summary>
    /// The compiler builds an async iterator on a value-task source (a task that completes later), which the IL check
    /// refuses without a location; saying so here points at the method.
    /// </summary>
    private const string AsyncIterators =
        "async iterators are not allowed (their generated code completes tasks later); return a list, or use a synchronous iterator";

    /// <summary>Whether a body yields itself (not in a local function or lambda inside it).</summary>
    private static bool YieldsIn(BlockSyntax? body) =>
        body is not null
        && body.DescendantNodes(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)).OfType<YieldStatementSyntax>().Any();

    private void CheckReferences(SemanticModel model, SyntaxNode node, Compilation compilation,
        Action<SyntaxNode, string> report)
    {
        var info = model.GetSymbolInfo(node);
        if (info.Symbol is { } symbol)
        {
            ReportIf(SymbolViolation(symbol, compilation));
        }
        else
        {
            foreach (var candidate in info.CandidateSymbols)
            {
                ReportIf(SymbolViolation(candidate, compilation));
            }
        }

        if (node is ExpressionSyntax expression)
        {
            var typeInfo = model.GetTypeInfo(expression);
            ReportIf(typeInfo.Type is null ? null : TypeViolation(typeInfo.Type, compilation));
            ReportIf(typeInfo.ConvertedType is null ? null : TypeViolation(typeInfo.ConvertedType, compilation));
            if (model.GetConversion(expression).MethodSymbol is { } conversion)
            {
                ReportIf(SymbolViolation(conversion, compilation));
            }
        }

        void ReportIf(string? reason)
        {
            if (reason is not null)
            {
                report(node, reason);
            }
        }
    }

    private string? SymbolViolation(ISymbol symbol, Compilation compilation)
    {
        switch (symbol)
        {
            case ITypeSymbol type:
                return TypeViolation(type, compilation);
            case IMethodSymbol method:
                method = method.ReducedFrom ?? method;
                foreach (var argument in method.TypeArguments)
                {
                    if (TypeViolation(argument, compilation) is { } reason)
                    {
                        return reason;
                    }
                }

                var use = new MemberUse(method.Name, method.IsStatic, method.MethodKind == MethodKind.Constructor,
                    [.. method.Parameters.Select(p => FullName(p.Type))]);
                return MemberViolation(method, use, method.ReturnType, compilation);
            case IPropertySymbol property:
                return MemberViolation(property, Use(property), property.Type, compilation);
            case IFieldSymbol field:
                return MemberViolation(field, Use(field), field.Type, compilation);
            case IEventSymbol @event:
                return MemberViolation(@event, Use(@event), @event.Type, compilation);
            default:
                return null;
        }

        static MemberUse Use(ISymbol member) => new(member.Name, member.IsStatic, false, []);
    }

    private string? MemberViolation(ISymbol member, MemberUse use, ITypeSymbol resultType, Compilation compilation)
    {
        if (member.ContainingType is not { } containing || IsSource(containing, compilation))
        {
            return null;
        }

        if (TypeViolation(containing, compilation) is { } typeReason)
        {
            return typeReason;
        }

        var definition = containing.OriginalDefinition;
        var decision = policy.CheckMember(Namespace(definition), TypeKey(definition), use);
        return decision.Allowed ? TypeViolation(resultType, compilation) : decision.Reason;
    }

    private string? TypeViolation(ITypeSymbol type, Compilation compilation)
    {
        switch (type)
        {
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return Pointers;
            case IDynamicTypeSymbol:
                return "dynamic binds at run time and bypasses the permit-list";
            case IArrayTypeSymbol array:
                return TypeViolation(array.ElementType, compilation);
            case INamedTypeSymbol named and not IErrorTypeSymbol:
                foreach (var argument in named.TypeArguments)
                {
                    if (TypeViolation(argument, compilation) is { } reason)
                    {
                        return reason;
                    }
                }

                if (named.ContainingType is { } outer && TypeViolation(outer, compilation) is { } outerReason)
                {
                    return outerReason;
                }

                if (IsSource(named, compilation) || named.ContainingType is not null)
                {
                    return null;
                }

                var decision = policy.CheckType(Namespace(named), named.OriginalDefinition.MetadataName);
                return decision.Allowed ? null : decision.Reason;
            default:
                return null;
        }
    }

    private static bool IsSource(ISymbol symbol, Compilation compilation) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly);

    private static string Namespace(ISymbol symbol) =>
        symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "";

    private static string TypeKey(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? $"{TypeKey(outer)}+{type.MetadataName}" : type.MetadataName;

    private static string FullName(ITypeSymbol type) => type is INamedTypeSymbol named
        ? (Namespace(named) is { Length: > 0 } ns ? $"{ns}.{TypeKey(named.OriginalDefinition)}" : TypeKey(named))
        : type.ToDisplayString();
}
