using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableObjects.Cli.Api;

/// <summary>A successful answer: the body exactly as the server sent it (what <c>--json</c> prints) and typed readings of it.</summary>
public sealed record ApiAnswer(string Body, string? MediaType)
{
    public T As<T>() => JsonSerializer.Deserialize<T>(Body, ApiClient.Json)
        ?? throw CliException.Unavailable("The server's answer was empty", $"Expected {typeof(T).Name}.");

    public JsonNode? Node() => string.IsNullOrWhiteSpace(Body) ? null : JsonNode.Parse(Body);
}
