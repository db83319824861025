using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;

namespace DurableObjects.Sandbox.Compiling;

/// <summary>
/// The .NET 10 reference assemblies object code compiles against, parsed once per process: reading their metadata
/// is the largest cost of a compilation, and <see cref="MetadataReference"/> instances are immutable and shareable.
/// </summary>
internal static class ReferenceSet
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyReferences = new(
        () => [.. Net100.References.All], LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<IReadOnlySet<string>> LazyNames = new(
        () => Net100.References.All
            .Select(r => Path.GetFileNameWithoutExtension(r.FilePath ?? r.Display ?? ""))
            .Where(n => n.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyList<MetadataReference> References => LazyReferences.Value;

    /// <summary>Simple names of the reference assemblies; an object assembly may reference no others.</summary>
    public static IReadOnlySet<string> AssemblyNames => LazyNames.Value;
}
