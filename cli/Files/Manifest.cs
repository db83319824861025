using System.Text.Json;

namespace DurableObjects.Cli.Files;

/// <summary>
/// <c>.durableobjects.json</c> in a pulled folder: which object and version the files came from, and each file's
/// SHA-256, so <c>push</c> knows what changed and whether the object moved on since (like git's remote-tracking ref).
/// </summary>
public sealed record Manifest(string Server, string ObjectName, int Version, string? ContentHash, DateTimeOffset PulledAt, SortedDictionary<string, string> Files)
{
    public const string FileName = ".durableobjects.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Manifest? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Json)
                ?? throw CliException.Usage($"{path} is empty", "Pull the object again.");
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"{path} is not a valid manifest", ex.Message + " Pull the object again.");
        }
    }

    public void Save(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json) + "\n");
}
