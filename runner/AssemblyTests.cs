using DurableObjects.Runner.Protocol;

namespace DurableObjects.Runner;

/// <summary>
/// Runs the tests of an assembly other than the loaded object's (a candidate built against the kept tests, or a
/// mutant) in a collectible context of its own, unloaded afterwards, so one runner process can check many builds in
/// turn. The host bounds each run with its timeout and kills the runner if a build never returns.
/// </summary>
internal static class AssemblyTests
{
    public static TestReport Run(LoadRequest request, ReadOnlyMemory<byte> assembly, OutputCapture output)
    {
        var context = new ObjectLoadContext();
        try
        {
            using var stream = new MemoryStream(assembly.ToArray(), writable: false);
            var loaded = context.LoadFromStream(stream);
            return request.TestClass is { } name && loaded.GetType(name, throwOnError: false) is { } type
                ? TestExecutor.Run(type, output)
                : new TestReport([]);
        }
        finally
        {
            context.Unload();
        }
    }
}
