using DurableObjects.Runner.Protocol;

namespace DurableObjects.Runner;

/// <summary>What one invocation produced: a status, a payload (result JSON or an error) and captured output.</summary>
internal readonly record struct InvocationResult(ResponseStatus Status, ReadOnlyMemory<byte> Payload)
{
    public static InvocationResult Error(ResponseStatus status, string? errorType, string message) =>
        new(status, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new ErrorPayload(errorType, Truncate(message)), ProtocolJson.Options));

    /// <summary>Bounds a message from object code; exception messages can be arbitrarily large.</summary>
    public static string Truncate(string message) =>
        message.Length <= 4096 ? message : string.Concat(message.AsSpan(0, 4096), "…[truncated]");
}
