using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DurableObjects.Sandbox.Testing;

/// <summary>
/// Reads and recombines test classes at the syntax level (nothing is compiled or run here). An object's test class is
/// its first public top-level class whose name ends in <c>Tests</c>; its tests are the public parameterless methods
/// returning <c>void</c>, <c>bool</c>, <c>Task</c> or <c>Task&lt;bool&gt;</c> — the runner's convention.
/// </summary>
public static class TestSources
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The test class of the files, or null when they have none.</summary>
    public static TestClassShape? Find(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (_, root) in Parse(files))
        {
            if (root.DescendantNodes().OfType<ClassDeclarationSyntax>().FirstOrDefault(IsTestClass) is { } type)
            {
                return Shape(type);
            }
        }
        return null;
    }

    /// <summary>
    /// The files to build the kept tests against a candidate: the candidate's files without its own test classes, plus
    /// the kept test class exactly as stored (other types of its files dropped), minus the tests in
    /// <paramref name="excluded"/> (kept tests the plan declared as changed or removed). Kept files go under
    /// <c>kept-tests/</c> so their paths cannot clash.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReferenceFiles(
        IReadOnlyDictionary<string, string> candidateFiles, IReadOnlyDictionary<string, string> keptFiles, IReadOnlySet<string> excluded)
    {
        ArgumentNullException.ThrowIfNull(candidateFiles);
        ArgumentNullException.ThrowIfNull(keptFiles);
        ArgumentNullException.ThrowIfNull(excluded);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, root) in Parse(candidateFiles))
        {
            var tests = root.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(IsTestClass).ToList();
            result[path] = tests.Count == 0 ? candidateFiles[path] : root.RemoveNodes(tests, SyntaxRemoveOptions.KeepNoTrivia)!.ToFullString();
        }
        var keptClass = Find(keptFiles)?.ClassName;
        foreach (var (path, root) in Parse(keptFiles))
        {
            var type = root.DescendantNodes().OfType<ClassDeclarationSyntax>().FirstOrDefault(c => IsTestClass(c) && c.Identifier.Text == keptClass);
            if (type is null)
            {
                continue;
            }
            var others = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Where(t => t != type && t.Parent is not TypeDeclarationSyntax)
                .Cast<SyntaxNode>().Concat(root.DescendantNodes().OfType<DelegateDeclarationSyntax>().Where(d => d.Parent is not TypeDeclarationSyntax))
                .Concat(type.Members.OfType<MethodDeclarationSyntax>().Where(m => excluded.Contains(m.Identifier.Text)))
                .ToList();
            result["kept-tests/" + path] = root.RemoveNodes(others, SyntaxRemoveOptions.KeepNoTrivia)!.ToFullString();
        }
        return result;
    }

    /// <summary>
    /// Whether the candidate keeps the kept tests exactly as stored: every file of either set that declares a test
    /// class is in the other set with the same text. Then the candidate's own build already is the reference build of
    /// <see cref="ReferenceFiles"/> with nothing excluded (the same types with the same members; only file paths
    /// differ), so the kept tests can run from it without building them again.
    /// </summary>
    public static bool KeepsTestsAsStored(IReadOnlyDictionary<string, string> candidateFiles, IReadOnlyDictionary<string, string> keptFiles)
    {
        ArgumentNullException.ThrowIfNull(candidateFiles);
        ArgumentNullException.ThrowIfNull(keptFiles);
        static bool Covered(IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, string> other) =>
            Parse(files).Where(f => f.Root.DescendantNodes().OfType<ClassDeclarationSyntax>().Any(IsTestClass))
                .All(f => other.TryGetValue(f.Path, out var text) && string.Equals(text, files[f.Path], StringComparison.Ordinal));
        return Covered(keptFiles, candidateFiles) && Covered(candidateFiles, keptFiles);
    }

    /// <summary>Whether a class is an object's test class: public, top level, named <c>…Tests</c>.</summary>
    public static bool IsTestClass(ClassDeclarationSyntax type) =>
        type.Identifier.Text.EndsWith("Tests", StringComparison.Ordinal) &&
        type.Modifiers.Any(SyntaxKind.PublicKeyword) && type.Parent is not TypeDeclarationSyntax;

    /// <summary>A member's tokens without comments or layout: equal for the same code however it is formatted.</summary>
    public static string Normalized(SyntaxNode node) =>
        string.Join(' ', node.DescendantTokens().Select(t => t.Text));

    internal static IEnumerable<(string Path, SyntaxNode Root)> Parse(IReadOnlyDictionary<string, string> files) =>
        files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, ParseOne(f.Key, f.Value)));

    // Syntax trees are immutable, so a file parsed once serves every later reader of the same text: a candidate's and
    // its kept version's files are read by the kept-tests and mutation gates alike (each finds the test class, compares
    // the kept tests and picks mutation sites), which was several parses of the same text per candidate. Bounded by
    // count (cleared when full): a hundred candidates checked at once hold ~400 files.
    private const int ParsedFiles = 512;
    private static readonly ConcurrentDictionary<(string Path, string Text), SyntaxNode> Parsed = new();

    private static SyntaxNode ParseOne(string path, string text)
    {
        if (Parsed.TryGetValue((path, text), out var known))
        {
            return known;
        }
        var root = CSharpSyntaxTree.ParseText(text, ParseOptions, path).GetRoot();
        if (Parsed.Count >= ParsedFiles)
        {
            Parsed.Clear();
        }
        Parsed[(path, text)] = root;
        return root;
    }

    private static TestClassShape Shape(ClassDeclarationSyntax type)
    {
        var methods = type.Members.OfType<MethodDeclarationSyntax>().ToList();
        var tests = methods.Where(IsTest).GroupBy(m => m.Identifier.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join('\n', g.Select(m => Normalized(WithoutAttributes(m)))), StringComparer.Ordinal);
        var members = type.Members.ToList();
        var references = tests.Keys.ToDictionary(t => t, t => References(methods.Where(m => m.Identifier.Text == t), members), StringComparer.Ordinal);
        return new TestClassShape(type.Identifier.Text, tests, references);
    }

    // The names a test refers to, following calls into the test class's own members (helpers, fields, properties).
    private static IReadOnlySet<string> References(IEnumerable<MemberDeclarationSyntax> start, IReadOnlyList<MemberDeclarationSyntax> members)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<MemberDeclarationSyntax>(start);
        var seen = new HashSet<MemberDeclarationSyntax>(pending);
        while (pending.TryDequeue(out var member))
        {
            foreach (var name in member.DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier.Text))
            {
                if (!names.Add(name))
                {
                    continue;
                }
                foreach (var helper in members.Where(m => MemberName(m) == name && seen.Add(m)))
                {
                    pending.Enqueue(helper);
                }
            }
        }
        return names;
    }

    private static string? MemberName(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        PropertyDeclarationSyntax p => p.Identifier.Text,
        FieldDeclarationSyntax f => f.Declaration.Variables.FirstOrDefault()?.Identifier.Text,
        _ => null,
    };

    private static MethodDeclarationSyntax WithoutAttributes(MethodDeclarationSyntax method) =>
        method.WithAttributeLists(default);

    private static bool IsTest(MethodDeclarationSyntax method) =>
        method.Modifiers.Any(SyntaxKind.PublicKeyword) && method.ParameterList.Parameters.Count == 0 &&
        method.TypeParameterList is null &&
        method.ReturnType.ToString().Replace(" ", "", StringComparison.Ordinal) is "void" or "bool" or "Task" or "Task<bool>"
            or "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<bool>";
}
