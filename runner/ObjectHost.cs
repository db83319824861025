using System.Reflection;
using DurableObjects.Runner.Protocol;

namespace DurableObjects.Runner;

/// <summary>
/// Holds the loaded object: its assembly (in a collectible context), the single API instance that lives as long as
/// the runner, and the method table. Loading runs the object's constructor; invocations run its methods. Any
/// exception object code throws is reported as its type name and a bounded message, never a stack trace.
/// </summary>
internal sealed class ObjectHost(RunnerSettings settings, OutputCapture output)
{
    private ObjectLoadContext? _context;
    private Assembly? _assembly;
    private object? _instance;
    private string? _testClass;
    private Dictionary<string, MethodBinding> _methods = new(StringComparer.OrdinalIgnoreCase);

    public bool IsLoaded => _assembly is not null;

    /// <summary>Where object code's console output goes while it runs.</summary>
    public OutputCapture Output => output;

    public InvocationResult Load(LoadRequest request, ReadOnlyMemory<byte> assemblyBytes)
    {
        if (IsLoaded)
        {
            return InvocationResult.Error(ResponseStatus.ProtocolError, "AlreadyLoaded", "An object is already loaded.");
        }

        _context = new ObjectLoadContext();
        using var stream = new MemoryStream(assemblyBytes.ToArray(), writable: false);
        _assembly = _context.LoadFromStream(stream);
        var type = _assembly.GetType(request.ApiClass, throwOnError: false);
        if (type is null)
        {
            return InvocationResult.Error(ResponseStatus.UnknownMethod, "UnknownClass",
                $"The assembly has no class '{request.ApiClass}'.");
        }

        var methods = new Dictionary<string, MethodBinding>(StringComparer.OrdinalIgnoreCase);
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static |
                                                BindingFlags.DeclaredOnly))
        {
            if (!method.IsSpecialName && !method.IsGenericMethodDefinition)
            {
                methods.TryAdd(method.Name, new MethodBinding(method));
            }
        }

        _methods = methods;
        _testClass = request.TestClass;
        output.Begin();
        try
        {
            _instance = type.IsAbstract ? null : Activator.CreateInstance(type);
        }
        catch (Exception ex)
        {
            return ObjectThrew(ex is TargetInvocationException { InnerException: { } inner } ? inner : ex);
        }
        finally
        {
            output.End();
        }

        return new InvocationResult(ResponseStatus.Ok, ReadOnlyMemory<byte>.Empty);
    }

    public async Task<(InvocationResult Result, string Output)> InvokeAsync(string method, ReadOnlyMemory<byte> arguments)
    {
        if (!IsLoaded)
        {
            return (InvocationResult.Error(ResponseStatus.NotLoaded, "NotLoaded", "No object is loaded."), "");
        }

        if (!_methods.TryGetValue(method, out var binding))
        {
            return (InvocationResult.Error(ResponseStatus.UnknownMethod, "UnknownMethod",
                $"The object has no public method '{method}'."), "");
        }

        var error = binding.TryBind(arguments, out var bound);
        if (error is not null)
        {
            return (InvocationResult.Error(ResponseStatus.BadArguments, "BadArguments", error), "");
        }

        var captured = output.Begin();
        try
        {
            var result = await binding.InvokeAsync(binding.IsStatic ? null : _instance, bound, settings.MaxResultBytes)
                .ConfigureAwait(false);
            return (result, captured.ToString());
        }
        catch (Exception ex)
        {
            return (ObjectThrew(ex), captured.ToString());
        }
        finally
        {
            output.End();
        }
    }

    public TestReport RunTests() => IsLoaded && _testClass is not null && _assembly!.GetType(_testClass) is { } type
        ? TestExecutor.Run(type, output)
        : new TestReport([]);

    /// <summary>Reports an exception from object code by type and message only; reading them is itself guarded.</summary>
    internal static InvocationResult ObjectThrew(Exception ex)
    {
        var type = ex.GetType().FullName ?? ex.GetType().Name;
        string message;
        try
        {
            message = ex.Message ?? "";
        }
        catch (Exception)
        {
            message = "<the exception's Message property threw>";
        }

        return InvocationResult.Error(ResponseStatus.ObjectThrew, type, message);
    }
}
