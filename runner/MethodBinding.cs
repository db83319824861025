using System.Reflection;
using System.Text.Json;
using DurableObjects.Runner.Protocol;

namespace DurableObjects.Runner;

/// <summary>
/// One public method of the object's API class, prepared once at load: how to bind JSON arguments by parameter
/// name, how to await its result, how to serialize what it returns.
/// </summary>
internal sealed class MethodBinding
{
    private readonly MethodInfo _method;
    private readonly ParameterInfo[] _parameters;
    private readonly Type? _resultType;
    private readonly PropertyInfo? _taskResult;
    private readonly MethodInfo? _valueTaskAsTask;

    public MethodBinding(MethodInfo method)
    {
        _method = method;
        _parameters = method.GetParameters();
        var returnType = method.ReturnType;
        if (returnType == typeof(void) || returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            _resultType = null;
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            _resultType = returnType.GetGenericArguments()[0];
            _taskResult = returnType.GetProperty(nameof(Task<int>.Result));
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            _resultType = returnType.GetGenericArguments()[0];
            _valueTaskAsTask = returnType.GetMethod(nameof(ValueTask<int>.AsTask));
            _taskResult = typeof(Task<>).MakeGenericType(_resultType).GetProperty(nameof(Task<int>.Result));
        }
        else
        {
            _resultType = returnType;
        }
    }

    public bool IsStatic => _method.IsStatic;

    /// <summary>Binds arguments from a JSON object; returns an error message instead of throwing on bad input.</summary>
    public string? TryBind(ReadOnlyMemory<byte> argumentsJson, out object?[] arguments)
    {
        arguments = new object?[_parameters.Length];
        JsonDocument? document = null;
        try
        {
            if (!argumentsJson.IsEmpty)
            {
                document = JsonDocument.Parse(argumentsJson, new JsonDocumentOptions { MaxDepth = 64 });
            }
        }
        catch (JsonException ex)
        {
            return $"The arguments are not valid JSON: {ex.Message}";
        }

        using (document)
        {
            var root = document?.RootElement;
            if (root is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Null })
            {
                return "The arguments must be a JSON object whose properties are the parameter names.";
            }

            var supplied = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            if (root is { ValueKind: JsonValueKind.Object } obj)
            {
                foreach (var property in obj.EnumerateObject())
                {
                    supplied[property.Name] = property.Value;
                }
            }

            for (var i = 0; i < _parameters.Length; i++)
            {
                var parameter = _parameters[i];
                if (!supplied.Remove(parameter.Name!, out var value))
                {
                    if (!parameter.HasDefaultValue)
                    {
                        return $"Missing argument '{parameter.Name}'.";
                    }

                    arguments[i] = parameter.DefaultValue;
                    continue;
                }

                try
                {
                    arguments[i] = value.Deserialize(parameter.ParameterType, ObjectJson.Options);
                }
                catch (JsonException ex)
                {
                    // What was sent and where it failed, not the reader's byte positions (the caller wrote the value, not the JSON text).
                    var at = ex.Path is { Length: > 1 } path ? $" at {path}" : "";
                    return $"Argument '{parameter.Name}' is not a valid {parameter.ParameterType.Name}: got {Describe(value)}{at}.";
                }
                catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException)
                {
                    return $"Argument '{parameter.Name}' is not a valid {parameter.ParameterType.Name}: {ex.Message}";
                }
            }

            return supplied.Count == 0 ? null : $"Unknown argument '{supplied.Keys.First()}'.";
        }
    }

    /// <summary>A supplied value as a person reads it in an error: its JSON kind and, when short, its text.</summary>
    private static string Describe(JsonElement value)
    {
        var kind = value.ValueKind switch
        {
            JsonValueKind.String => "the string",
            JsonValueKind.Number => "the number",
            JsonValueKind.True or JsonValueKind.False => "the boolean",
            JsonValueKind.Null => "null",
            JsonValueKind.Array => "an array",
            _ => "an object",
        };
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Array or JsonValueKind.Object)
        {
            return kind;
        }
        var text = value.GetRawText();
        return text.Length <= 40 ? $"{kind} {text}" : $"{kind} {text[..37]}...";
    }

    /// <summary>Invokes the method and serializes its (awaited) result within the size limit.</summary>
    public async Task<InvocationResult> InvokeAsync(object? target, object?[] arguments, int maxResultBytes)
    {
        var returned = _method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        if (_valueTaskAsTask is not null)
        {
            returned = _valueTaskAsTask.Invoke(returned, BindingFlags.DoNotWrapExceptions, null, null, null);
        }

        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(false);
                returned = _taskResult?.GetValue(task);
                break;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                returned = null;
                break;
        }

        if (returned is string { Length: var length } && length > maxResultBytes)
        {
            // Every character costs at least one byte of JSON; no need to serialize to know.
            return InvocationResult.Error(ResponseStatus.ResultTooLarge, "ResultTooLarge",
                new ResultTooLargeException(maxResultBytes).Message);
        }

        var buffer = new BoundedBufferWriter(maxResultBytes);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = 64 }))
            {
                if (_resultType is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    JsonSerializer.Serialize(writer, returned, _resultType, ObjectJson.Options);
                }
            }
        }
        catch (ResultTooLargeException ex)
        {
            return InvocationResult.Error(ResponseStatus.ResultTooLarge, "ResultTooLarge", ex.Message);
        }

        return new InvocationResult(ResponseStatus.Ok, buffer.WrittenMemory);
    }
}
