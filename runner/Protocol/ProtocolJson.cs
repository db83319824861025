using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableObjects.Runner.Protocol;

/// <summary>
/// JSON settings for protocol payloads (not for object arguments and results). The payload types are source-generated
/// (<see cref="ProtocolJsonContext"/>): a fresh runner serializes its first test report without building serializer
/// metadata by reflection, which was most of a new process's first test run.
/// </summary>
internal static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { TypeInfoResolver = ProtocolJsonContext.Default };
}

/// <summary>The protocol's payload types, for <see cref="ProtocolJson"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LoadRequest))]
[JsonSerializable(typeof(TestReport))]
[JsonSerializable(typeof(ErrorPayload))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
