using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableObjects.Shared.Audit.Chain;

/// <summary>
/// Canonical JSON and the record hash. Canonical = object keys sorted ordinally at every depth, no whitespace,
/// System.Text.Json's escaping; so the same content always hashes the same, whichever host wrote it.
/// </summary>
public static class ChainHashing
{
    /// <summary>The previous hash of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Any JSON-serializable value as canonical JSON.</summary>
    public static string Canonical<T>(T value) => Canonical(JsonSerializer.SerializeToNode(value, JsonOptions));

    /// <summary>Re-serializes JSON text canonically (a stored row's details, when verifying).</summary>
    public static string CanonicalText(string json) => Canonical(JsonNode.Parse(json));

    /// <summary>The hash a record must carry: over sequence, key, type, subject, actor, time, details and the previous hash.</summary>
    public static string RecordHash(long sequence, string key, string type, string subject, string actor, DateTimeOffset time, string detailsJson, string previousHash)
    {
        var node = new JsonObject
        {
            ["actor"] = actor,
            ["details"] = JsonNode.Parse(detailsJson),
            ["key"] = key,
            ["previous"] = previousHash,
            ["sequence"] = sequence,
            ["subject"] = subject,
            ["time"] = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            ["type"] = type,
        };
        return Sha256(Canonical(node));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
