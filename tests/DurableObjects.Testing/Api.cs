using Xunit;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableObjects.Testing;

/// <summary>Small helpers for driving the HTTP API the way a client would.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string CalculatorV1 => """
        namespace Samples;

        /// <summary>Adds numbers.</summary>
        public class Calculator
        {
            /// <summary>The sum of two numbers.</summary>
            public int Add(int a, int b) => a + b;
        }
        """;

    public static Dictionary<string, string> Files(string content = "") =>
        new() { ["Calculator.cs"] = content.Length == 0 ? CalculatorV1 : content };

    public static async Task<JsonObject> CreateObjectAsync(this HttpClient client, string name, Dictionary<string, string>? files = null, string description = "A calculator")
    {
        var response = await client.PostAsJsonAsync("/api/objects", new { name, description, files = files ?? Files() });
        await response.ExpectAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> AddVersionAsync(this HttpClient client, string name, string content, string summary = "change")
    {
        var response = await client.PostAsJsonAsync($"/api/objects/{name}/versions", new { files = Files(content), summary });
        await response.ExpectAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Creates a user through the admin API and returns their first token.</summary>
    public static async Task<string> CreateUserAsync(this HttpClient admin, string name, string role)
    {
        var response = await admin.PostAsJsonAsync("/api/users", new { name, role });
        await response.ExpectAsync(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["token"]!["token"]!.GetValue<string>();
    }

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await response.ExpectAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Asserts the status, showing the body when it is not the expected one.</summary>
    public static async Task ExpectAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Asserts an RFC 7807 problem answer with the given status, and returns it.</summary>
    public static async Task<JsonObject> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ExpectAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        return problem;
    }
}
