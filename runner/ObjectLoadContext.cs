using System.Reflection;
using System.Runtime.Loader;

namespace DurableObjects.Runner;

/// <summary>
/// A collectible load context for one object assembly. It resolves nothing itself, so the object can only bind to
/// the shared framework the runner already uses; the compile-time policy decides which of those APIs it may call.
/// </summary>
internal sealed class ObjectLoadContext() : AssemblyLoadContext("durable-object", isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
