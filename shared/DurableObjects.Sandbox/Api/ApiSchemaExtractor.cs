using System.Xml.Linq;
using DurableObjects.Sandbox.Compiling;
using Microsoft.CodeAnalysis;

namespace DurableObjects.Sandbox.Api;

/// <summary>
/// Derives an <see cref="ApiSchema"/> from a compilation. The API class is the public, non-static, non-abstract
/// top-level class whose name does not end in <c>Tests</c> and that declares public methods (records and
/// property-only classes are data, not the object); when several qualify, the one named like the object wins. Its public declared methods are the API; overloads and generic
/// methods are rejected because JSON invocation by name and parameter names could not tell them apart.
/// </summary>
internal static class ApiSchemaExtractor
{
    public static (ApiSchema? Schema, IReadOnlyList<CompilerDiagnostic> Diagnostics) Extract(
        Compilation compilation, string? objectName)
    {
        var types = AllTypes(compilation.Assembly.GlobalNamespace).ToList();
        var candidates = types.Where(t => t is
            {
                DeclaredAccessibility: Accessibility.Public, TypeKind: TypeKind.Class, IsStatic: false,
                IsAbstract: false, IsRecord: false, ContainingType: null,
            } && !t.Name.EndsWith("Tests", StringComparison.Ordinal))
            .ToList();
        if (candidates.Count(c => PublicMethods(c).Any()) is > 0 and var withMethods && withMethods < candidates.Count)
        {
            // Public classes with only properties are data the API passes around, not the object.
            candidates = candidates.Where(c => PublicMethods(c).Any()).ToList();
        }

        if (candidates.Count > 1 && objectName is not null)
        {
            var wanted = Simplify(objectName);
            candidates = candidates.Where(c => Simplify(c.Name) == wanted).ToList() is { Count: 1 } match
                ? match
                : candidates;
        }

        if (candidates.Count != 1)
        {
            var message = candidates.Count == 0
                ? "The object needs one public, non-static class: its public methods are the object's API."
                : $"Several public classes could be the object's API ({string.Join(", ", candidates.Select(c => c.Name))}); " +
                  "keep one, or name it like the object.";
            return (null, [Error(message, candidates.FirstOrDefault())]);
        }

        var api = candidates[0];
        var diagnostics = new List<CompilerDiagnostic>();
        if (!api.InstanceConstructors.Any(c => c is { Parameters.Length: 0, DeclaredAccessibility: Accessibility.Public }))
        {
            diagnostics.Add(Error($"Class '{api.Name}' needs a public parameterless constructor: the runner creates its one instance.", api));
        }

        var methods = new List<ApiMethod>();
        foreach (var group in PublicMethods(api).GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (group.Count() > 1)
            {
                diagnostics.Add(Error($"Method '{group.Key}' is overloaded; API methods are invoked by name, so each name must be unique.", group.Last()));
                continue;
            }

            var method = group.Single();
            if (method.IsGenericMethod)
            {
                diagnostics.Add(Error($"Method '{method.Name}' is generic; API methods need concrete parameter types.", method));
                continue;
            }

            methods.Add(Describe(method));
        }

        var tests = types.FirstOrDefault(t => t is { DeclaredAccessibility: Accessibility.Public, TypeKind: TypeKind.Class }
                                              && t.Name.EndsWith("Tests", StringComparison.Ordinal));
        var testNames = tests is null
            ? []
            : PublicMethods(tests).Where(IsTestMethod).Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
        var schema = new ApiSchema(api.ToDisplayString(), Summary(api), methods,
            tests?.ToDisplayString(), testNames);
        return (diagnostics.Count == 0 ? schema : null, diagnostics);
    }

    private static ApiMethod Describe(IMethodSymbol method)
    {
        var docs = Docs(method);
        var parameters = method.Parameters.Select(p => new ApiParameter(p.Name, JsonTypeNames.Of(p.Type),
            p.Type.ToDisplayString(), p.HasExplicitDefaultValue,
            docs?.Elements("param").FirstOrDefault(e => (string?)e.Attribute("name") == p.Name) is { } d
                ? Normalize(d.Value)
                : null)).ToList();
        var returns = method.ReturnType is INamedTypeSymbol { IsGenericType: true } generic &&
                      generic.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.Task<TResult>"
                          or "System.Threading.Tasks.ValueTask<TResult>"
            ? JsonTypeNames.Of(generic.TypeArguments[0])
            : method.ReturnType.ToDisplayString() is "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask"
                ? "void"
                : JsonTypeNames.Of(method.ReturnType);
        return new ApiMethod(method.Name, parameters, returns, docs?.Element("summary") is { } s ? Normalize(s.Value) : null,
            method.IsStatic);
    }

    private static bool IsTestMethod(IMethodSymbol method) =>
        method.Parameters.Length == 0 && !method.IsGenericMethod &&
        method.ReturnType.ToDisplayString() is "void" or "bool" or "System.Threading.Tasks.Task"
            or "System.Threading.Tasks.Task<bool>";

    private static IEnumerable<IMethodSymbol> PublicMethods(INamedTypeSymbol type) => type.GetMembers()
        .OfType<IMethodSymbol>()
        .Where(m => m is { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public });

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            yield return type;
        }

        foreach (var child in ns.GetNamespaceMembers())
        {
            foreach (var type in AllTypes(child))
            {
                yield return type;
            }
        }
    }

    private static string? Summary(ISymbol symbol) =>
        Docs(symbol)?.Element("summary") is { } summary ? Normalize(summary.Value) : null;

    private static XElement? Docs(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        try
        {
            // The comment is untrusted text: no DTDs, no external resolution.
            using var reader = System.Xml.XmlReader.Create(new StringReader(xml),
                new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
            return XElement.Load(reader);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string Normalize(string text) => string.Join(' ',
        text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static string Simplify(string name) =>
        new string(name.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    private static CompilerDiagnostic Error(string message, ISymbol? at)
    {
        var span = at?.Locations.FirstOrDefault(l => l.IsInSource)?.GetLineSpan();
        return new CompilerDiagnostic(CompilerDiagnostic.ApiShapeId, DiagnosticLevel.Error, message, span?.Path,
            span is { } s ? s.StartLinePosition.Line + 1 : 0, span is { } c ? c.StartLinePosition.Character + 1 : 0);
    }
}
