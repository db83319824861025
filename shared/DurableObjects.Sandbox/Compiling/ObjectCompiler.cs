using System.Security.Cryptography;
using System.Text;
using DurableObjects.Sandbox.Api;
using DurableObjects.Sandbox.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableObjects.Sandbox.Compiling;

/// <summary>
/// Compiles an object version's files into an in-memory assembly, checks it against the sandbox policy twice (on the
/// semantic model, then on the emitted IL) and derives its API schema. Long-lived and thread-safe: register it as a
/// singleton and call <see cref="Warm"/> at start-up so the first real compile does not pay for loading Roslyn and
/// parsing the reference assemblies.
/// </summary>
/// <remarks>
/// Trust model: the files are untrusted. Compiling them runs no object code (no analyzers or source generators are
/// loaded); the result's bytes are only ever executed inside a runner process, never loaded into the host.
/// </remarks>
public sealed partial class ObjectCompiler
{
    /// <summary>Usings every object gets, like an SDK project's implicit usings.</summary>
    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Text;
        global using System.Threading.Tasks;
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: false,
        deterministic: true,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: false);

    /// <summary>
    /// An empty compilation over the references, created once. Deriving each object's compilation from it reuses the
    /// bound reference symbols instead of rebuilding them (measured: ~60 ms instead of ~155 ms per warm compile).
    /// </summary>
    private static readonly Lazy<CSharpCompilation> Template = new(
        () => CSharpCompilation.Create("DurableObject", [], ReferenceSet.References, CompilationOptions),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The emit options of every compile, with the runtime metadata version filled in: left empty, every emit looks it
    /// up again on its new compilation's core library (~3 % of a compile). The value is what the template itself
    /// emits, so it is exactly what the lookup would find.
    /// </summary>
    private static readonly Lazy<EmitOptions> Emitting = new(() =>
    {
        using var image = new MemoryStream();
        Template.Value.Emit(image);
        image.Position = 0;
        using var reader = new System.Reflection.PortableExecutable.PEReader(image);
        var version = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader).MetadataVersion;
        return new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, runtimeMetadataVersion: version);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SandboxPolicy _policy;
    private readonly SemanticPolicyChecker _semantic;
    private readonly IlPolicyVerifier _il;
    private readonly ILogger _logger;

    /// <summary>Creates a compiler that enforces <paramref name="policy"/> (default: <see cref="SandboxPolicy.Default"/>).</summary>
    public ObjectCompiler(SandboxPolicy? policy = null, ILogger<ObjectCompiler>? logger = null)
    {
        _policy = policy ?? SandboxPolicy.Default;
        _semantic = new SemanticPolicyChecker(_policy);
        _il = new IlPolicyVerifier(_policy);
        _logger = logger ?? NullLogger<ObjectCompiler>.Instance;
    }

    /// <summary>Compiles a tiny object once, loading Roslyn and the reference metadata. Idempotent.</summary>
    public void Warm()
    {
        var result = Compile(new Dictionary<string, string>
        {
            ["Warmup.cs"] = "/// <summary>Warm-up.</summary>\npublic class Warmup { public int Add(int a, int b) => a + b; }",
        });
        LogWarmed(_logger, result.Success);
    }

    /// <summary>Total source characters one object may have; larger inputs are refused before parsing.</summary>
    public const int MaxSourceChars = 1_000_000;

    /// <summary>Compiles one object version.</summary>
    /// <param name="files">Source files by path (the path shows up in diagnostics).</param>
    /// <param name="options">Per-compilation options.</param>
    /// <param name="cancellationToken">Stops a compilation that takes too long (pass a token with a timeout:
    /// pathological source can make any C# compiler slow).</param>
    public CompilationResult Compile(IReadOnlyDictionary<string, string> files, CompileOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= CompileOptions.Default;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var hash = ContentHash(files);
        var assemblyName = "DurableObject_" + hash[..16];
        if (files.Count == 0 || files.Sum(f => (long)f.Value.Length + f.Key.Length) > MaxSourceChars)
        {
            return new CompilationResult(false, assemblyName, hash, null, null, null,
            [
                new CompilerDiagnostic(CompilerDiagnostic.ApiShapeId, DiagnosticLevel.Error,
                    $"An object needs between 1 file and {MaxSourceChars} characters of source."),
            ]);
        }

        foreach (var (path, text) in files)
        {
            if (NestingGuard.FindTooDeep(text) is { } line)
            {
                return new CompilationResult(false, assemblyName, hash, null, null, null,
                [
                    new CompilerDiagnostic(CompilerDiagnostic.ApiShapeId, DiagnosticLevel.Error,
                        $"Brackets are nested more than {NestingGuard.MaxDepth} deep.", path, line, 1),
                ]);
            }
        }

        try
        {
            return Done(CompileChecked(files, options, hash, assemblyName, cancellationToken));
        }
        catch (InsufficientExecutionStackException)
        {
            return Done(new CompilationResult(false, assemblyName, hash, null, null, null,
            [
                new CompilerDiagnostic(CompilerDiagnostic.ApiShapeId, DiagnosticLevel.Error,
                    "The code is too deeply nested to compile."),
            ]));
        }

        CompilationResult Done(CompilationResult result)
        {
            LogCompiled(_logger, assemblyName, result.Success, result.Errors.Count(),
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
    }

    private CompilationResult CompileChecked(IReadOnlyDictionary<string, string> files, CompileOptions options,
        string hash, string assemblyName, CancellationToken cancellationToken)
    {
        var trees = files.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(f.Value, ParseOptions, f.Key, Encoding.UTF8, cancellationToken))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, "<global-usings>", Encoding.UTF8, cancellationToken))
            .ToList();
        var compilation = Template.Value.WithAssemblyName(assemblyName).AddSyntaxTrees(trees);

        // Emit first: it binds every method body once and reports all compiler diagnostics, where a separate
        // GetDiagnostics pass would bind everything twice. Emitted bytes are never loaded here, so emitting code
        // that then fails the policy costs nothing but time.
        using var pe = new MemoryStream();
        using var pdb = options.EmitPdb ? new MemoryStream() : null;
        var emit = compilation.Emit(pe, pdb,
            options: Emitting.Value,
            cancellationToken: cancellationToken);
        var diagnostics = emit.Diagnostics
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .Select(Map)
            .ToList();

        // The policy walk runs even when the code does not compile, so a generator gets every reason at once
        // (unsafe code, for one, is a compiler error and a policy violation).
        if (!options.SkipSemanticPolicy)
        {
            diagnostics.AddRange(_semantic.Check(compilation, cancellationToken));
        }

        if (!emit.Success || diagnostics.Any(d => d.Level == DiagnosticLevel.Error))
        {
            return Failed();
        }

        var (schema, apiDiagnostics) = ApiSchemaExtractor.Extract(compilation, options.ObjectName);
        diagnostics.AddRange(apiDiagnostics);

        var bytes = pe.ToArray();
        diagnostics.AddRange(_il.Verify(bytes));
        var success = diagnostics.All(d => d.Level != DiagnosticLevel.Error) && schema is not null;
        return new CompilationResult(success, assemblyName, hash, success ? bytes : null,
            success ? pdb?.ToArray() : null, schema, diagnostics);

        CompilationResult Failed() => new(false, assemblyName, hash, null, null, null, diagnostics);
    }

    /// <summary>SHA-256 over the files in path order; the same files always give the same hash and assembly name.</summary>
    public static string ContentHash(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            foreach (var part in (ReadOnlySpan<string>)[path, content])
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                sha.AppendData(BitConverter.GetBytes(bytes.Length));
                sha.AppendData(bytes);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static CompilerDiagnostic Map(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var inSource = diagnostic.Location.IsInSource;
        return new CompilerDiagnostic(diagnostic.Id,
            diagnostic.Severity switch
            {
                DiagnosticSeverity.Error => DiagnosticLevel.Error,
                DiagnosticSeverity.Warning => DiagnosticLevel.Warning,
                _ => DiagnosticLevel.Info,
            },
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            inSource ? span.Path : null,
            inSource ? span.StartLinePosition.Line + 1 : 0,
            inSource ? span.StartLinePosition.Character + 1 : 0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiler warmed (ok: {Success})")]
    private static partial void LogWarmed(ILogger logger, bool success);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Compiled {AssemblyName}: success {Success}, {ErrorCount} errors in {ElapsedMs:F1} ms")]
    private static partial void LogCompiled(ILogger logger, string assemblyName, bool success, int errorCount,
        double elapsedMs);
}
