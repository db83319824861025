using System.Reflection;
using System.Text.Json;
using DurableObjects.Runner.Protocol;

namespace DurableObjects.Runner;

/// <summary>
/// Runs the load-and-invoke and the test paths once before any object arrives: the protocol JSON, a collectible load
/// context holding a copy of the runner's own assembly, method binding, construction, an invocation with JSON
/// arguments and a JSON result, a test class run as shipped tests are and its report serialized, then the context is
/// unloaded. A spare runner does this while it waits, so the deploy or the gate that takes it finds that code already
/// compiled (a fresh process's first test run took about 0.1 s more than its second); the host skips it for a spare
/// started while it is busy checking candidates (RunnerSpare). No object code is involved, and the spare stays a blank
/// runner.
/// </summary>
internal static class Warmup
{
    public static InvocationResult Run(int maxResultBytes, OutputCapture output)
    {
        _ = JsonSerializer.Deserialize<LoadRequest>("""{"apiClass":"Sample","testClass":null}"""u8, ProtocolJson.Options);
        var location = typeof(Warmup).Assembly.Location;
        if (string.IsNullOrEmpty(location) || !File.Exists(location))
        {
            return new InvocationResult(ResponseStatus.Ok, ReadOnlyMemory<byte>.Empty);
        }

        var context = new ObjectLoadContext();
        try
        {
            using (var stream = File.OpenRead(location))
            {
                var assembly = context.LoadFromStream(stream);
                var type = assembly.GetType(typeof(WarmupSample).FullName!, throwOnError: true)!;
                var instance = Activator.CreateInstance(type, nonPublic: true);
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    var binding = new MethodBinding(method);
                    if (binding.TryBind("""{"a":2,"b":3,"text":"warm"}"""u8.ToArray(), out var arguments) is null)
                    {
                        _ = binding.InvokeAsync(instance, arguments, maxResultBytes).GetAwaiter().GetResult();
                    }
                }
                var report = TestExecutor.Run(assembly.GetType(typeof(WarmupSampleTests).FullName!, throwOnError: true)!, output);
                _ = JsonSerializer.SerializeToUtf8Bytes(report, ProtocolJson.Options);
            }
            return new InvocationResult(ResponseStatus.Ok, ReadOnlyMemory<byte>.Empty);
        }
        finally
        {
            context.Unload();
        }
    }
}

/// <summary>What <see cref="Warmup"/> loads and calls: ints and a string in, JSON out.</summary>
internal sealed class WarmupSample
{
    public int Add(int a, int b) => a + b;

    public string Echo(string text) => text;
}

/// <summary>What <see cref="Warmup"/> runs as tests: each kind of test method the runner supports, passing and failing.</summary>
internal sealed class WarmupSampleTests
{
    public void Returns() { }

    public bool ReturnsTrue() => new WarmupSample().Add(2, 3) == 5;

    public bool ReturnsFalse() => false;

    public Task Awaits() => Task.CompletedTask;

    public Task<bool> AwaitsTrue() => Task.FromResult(true);

    public void Throws() => throw new InvalidOperationException("warm-up");
}
