using System.Text.Json;
using DurableObjects.AI.Structured;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>JSON conventions of the run journal: those of the structured outputs (camelCase, enums as strings).</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options => StructuredJson.Options;
}
