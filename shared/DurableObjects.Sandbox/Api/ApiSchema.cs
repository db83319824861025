using System.Text.Json;

namespace DurableObjects.Sandbox.Api;

/// <summary>
/// An object's API, derived from its compiled code (never from what a model claims about it): the public class that
/// is the object, its public methods with parameters, JSON-friendly types and XML doc summaries, and the tests the
/// object ships. Stored with the version; compared between versions to keep the API contract.
/// </summary>
/// <remarks>
/// How objects ship tests: a public class whose name ends in <c>Tests</c>; each of its public parameterless methods
/// returning <c>void</c>, <c>bool</c>, <c>Task</c> or <c>Task&lt;bool&gt;</c> is a test, run in the runner on a fresh
/// instance, passing when it returns (<c>true</c>) without throwing.
/// </remarks>
public sealed record ApiSchema(
    string ClassName,
    string? Summary,
    IReadOnlyList<ApiMethod> Methods,
    string? TestClass,
    IReadOnlyList<string> Tests)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>Finds a method by name, ignoring case as invocation does.</summary>
    public ApiMethod? FindMethod(string name) =>
        Methods.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Serializes the schema to JSON (camelCase).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a schema written by <see cref="ToJson"/>.</summary>
    public static ApiSchema FromJson(string json) =>
        JsonSerializer.Deserialize<ApiSchema>(json, JsonOptions)
        ?? throw new JsonException("The API schema JSON is null.");
}
