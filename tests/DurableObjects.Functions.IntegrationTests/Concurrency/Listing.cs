using System.Text.Json.Nodes;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Concurrency;

/// <summary>Reads every page of a listing, following its continuation tokens.</summary>
internal static class Listing
{
    public static async Task<List<JsonNode>> AllAsync(this HttpClient client, string url)
    {
        var items = new List<JsonNode>();
        string? token = null;
        do
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await client.GetJsonAsync($"{url}{separator}pageSize=200" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);
        return items;
    }

    public static async Task<List<int>> VersionNumbersAsync(this HttpClient client, string name) =>
        (await client.AllAsync($"/api/objects/{name}/versions")).Select(v => v["number"]!.GetValue<int>()).Order().ToList();

    public static async Task<List<JsonNode>> EventsAsync(this HttpClient client, string type, string name) =>
        await client.AllAsync($"/api/events?type={type}&subject=object/{name.ToLowerInvariant()}");
}
