using System.Text.Json;

namespace DurableObjects.Functions.Configuration;

/// <summary>
/// Reads <c>local.settings.json</c> the way Azure Functions does: its <c>Values</c> object holds flat keys, where
/// "__" separates sections (<c>Storage__ConnectionString</c>) just as in environment variables.
/// The file is git-ignored; it is where secrets live on a developer's machine.
/// </summary>
public static class LocalSettingsConfiguration
{
    public static IConfigurationBuilder AddLocalSettings(this IConfigurationBuilder builder, string path)
    {
        if (!File.Exists(path))
        {
            return builder;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in section.EnumerateObject())
            {
                // Empty means unset (the sample lists every key with an empty value): the default applies, and
                // typed settings such as GITHUB_ISSUE_ON_RUN_FAILURE never see "" (which would not bind).
                if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is "")
                {
                    continue;
                }
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }
        return builder.AddInMemoryCollection(values);
    }
}
