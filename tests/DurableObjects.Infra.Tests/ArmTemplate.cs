using System.Text.Json;

namespace DurableObjects.Infra.Tests;

/// <summary>Walks compiled ARM JSON: resources of the template and of every nested (module) deployment.</summary>
internal static class ArmTemplate
{
    /// <summary>Every resource, depth first, with its module path ("functionApp/appSettings").</summary>
    public static IEnumerable<(string Path, JsonElement Resource)> Resources(JsonElement template, string path = "")
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            yield break;
        }
        // languageVersion 2.0 (symbolic names) keeps resources in an object; older templates in an array.
        var entries = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => (Name: p.Name, Value: p.Value))
            : resources.EnumerateArray().Select((r, i) => (Name: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Value: r));
        foreach (var (name, resource) in entries)
        {
            var here = path.Length == 0 ? name : $"{path}/{name}";
            yield return (here, resource);
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments" &&
                resource.GetProperty("properties").TryGetProperty("template", out var nested))
            {
                foreach (var inner in Resources(nested, here))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The Function App's app settings resource (Microsoft.Web/sites/config named appsettings).</summary>
    public static JsonElement AppSettings(JsonElement template) =>
        Resources(template)
            .Select(r => r.Resource)
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config" &&
                         (r.GetProperty("name").GetString() ?? "").Contains("'appsettings'", StringComparison.Ordinal))
            .GetProperty("properties");
}
