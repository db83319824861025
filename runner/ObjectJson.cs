using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableObjects.Runner;

/// <summary>
/// JSON settings for object arguments and results: web defaults (camelCase, case-insensitive names), enums as
/// strings, and a bounded depth so a deeply nested argument cannot exhaust the stack.
/// </summary>
internal static class ObjectJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { MaxDepth = 64 };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
