using System.Net;
using System.Net.Http.Json;
using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Support;

/// <summary>Setting up objects directly over the HTTP API (what "someone else" does while the CLI user works).</summary>
public static class Objects
{
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public static async Task CreateCalculatorAsync(this HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/objects", new { name, description = "A calculator", files = Scripts.V1Files() });
        await response.ExpectAsync(HttpStatusCode.Created);
    }
}
