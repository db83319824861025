namespace DurableObjects.AI.Contracts;

/// <summary>
/// Normalizes type names to the JSON-friendly names the Sandbox's API schema uses (<c>integer</c>, <c>number</c>,
/// <c>boolean</c>, <c>string</c>, <c>any</c>, <c>array&lt;T&gt;</c>, <c>map&lt;T&gt;</c>, <c>void</c>, <c>?</c> for
/// nullable), so a plan written with C# types (<c>int</c>, <c>List&lt;double&gt;</c>, <c>Task&lt;bool&gt;</c>) compares
/// with an API extracted from compiled code. JSON-friendly names pass through unchanged.
/// </summary>
public static class ApiTypeNames
{
    private static readonly Dictionary<string, string> Simple = new(StringComparer.Ordinal)
    {
        ["int"] = "integer", ["long"] = "integer", ["short"] = "integer", ["byte"] = "integer", ["sbyte"] = "integer",
        ["uint"] = "integer", ["ulong"] = "integer", ["ushort"] = "integer", ["Int32"] = "integer", ["Int64"] = "integer",
        ["Int16"] = "integer", ["Byte"] = "integer", ["UInt32"] = "integer", ["UInt64"] = "integer",
        ["double"] = "number", ["float"] = "number", ["decimal"] = "number", ["Double"] = "number", ["Single"] = "number",
        ["Decimal"] = "number", ["bool"] = "boolean", ["Boolean"] = "boolean", ["string"] = "string", ["String"] = "string",
        ["char"] = "string", ["Char"] = "string", ["DateTime"] = "string", ["DateTimeOffset"] = "string", ["Guid"] = "string",
        ["TimeSpan"] = "string", ["DateOnly"] = "string", ["TimeOnly"] = "string", ["Uri"] = "string", ["object"] = "any",
        ["Object"] = "any", ["JsonElement"] = "any", ["JsonNode"] = "any", ["JsonObject"] = "object", ["Task"] = "void",
        ["ValueTask"] = "void", ["void"] = "void",
    };

    private static readonly HashSet<string> Sequences = new(StringComparer.Ordinal)
    {
        "array", "List", "IList", "IReadOnlyList", "IEnumerable", "ICollection", "IReadOnlyCollection", "HashSet", "ISet",
        "IReadOnlySet", "Queue", "Stack", "ImmutableArray", "ImmutableList", "SortedSet", "LinkedList",
    };

    private static readonly HashSet<string> Maps = new(StringComparer.Ordinal)
    {
        "map", "Dictionary", "IDictionary", "IReadOnlyDictionary", "SortedDictionary", "ImmutableDictionary", "ConcurrentDictionary",
    };

    private static readonly HashSet<string> WellKnownRoots = new(StringComparer.Ordinal)
    {
        "integer", "number", "boolean", "string", "any", "void", "array", "map",
    };

    /// <summary>The JSON-friendly name of a C# or JSON-friendly type name (whitespace-insensitive).</summary>
    public static string Normalize(string? type)
    {
        var text = string.Concat((type ?? string.Empty).Where(c => !char.IsWhiteSpace(c)));
        if (text.Length == 0)
        {
            return text;
        }

        if (text.EndsWith('?'))
        {
            return Normalize(text[..^1]) + "?";
        }

        if (text.EndsWith("[]", StringComparison.Ordinal))
        {
            return $"array<{Normalize(text[..^2])}>";
        }

        var open = text.IndexOf('<', StringComparison.Ordinal);
        var name = LastSegment(open < 0 ? text : text[..open]);
        if (open < 0 || !text.EndsWith('>'))
        {
            return Simple.TryGetValue(name, out var simple) ? simple : name;
        }

        var args = SplitArguments(text[(open + 1)..^1]).Select(Normalize).ToList();
        return name switch
        {
            "Task" or "ValueTask" when args.Count == 1 => args[0],
            "Nullable" when args.Count == 1 => args[0] + "?",
            _ when Sequences.Contains(name) && args.Count == 1 => $"array<{args[0]}>",
            _ when Maps.Contains(name) && args.Count is 1 or 2 => $"map<{args[^1]}>",
            _ => $"{name}<{string.Join(",", args)}>",
        };
    }

    /// <summary>Whether a normalized name is built only from the JSON-friendly primitives (no object type names).</summary>
    public static bool IsWellKnown(string normalized)
    {
        var parts = normalized.Split(['<', '>', ',', '?'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(WellKnownRoots.Contains);
    }

    private static string LastSegment(string name) => name[(name.LastIndexOf('.') + 1)..];

    private static List<string> SplitArguments(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '<' => 1, '>' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }
}
