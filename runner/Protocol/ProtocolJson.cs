using System.Text.Json;

namespace DurableObjects.Runner.Protocol;

/// <summary>JSON settings for protocol payloads (not for object arguments and results).</summary>
internal static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
