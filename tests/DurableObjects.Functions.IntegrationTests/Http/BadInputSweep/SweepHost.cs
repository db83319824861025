using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http.BadInputSweep;

/// <summary>
/// One host for the whole sweep, with one of each thing the API's routes name (an object with two versions, a
/// member with a token, a monitor), and the operations of its own OpenAPI document.
/// </summary>
public sealed class SweepHost : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public JsonObject Document { get; private set; } = null!;
    public IReadOnlyList<ApiOperation> Operations { get; private set; } = [];
    public SweepInputs Inputs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A file of the sweep's overlong size (100 000 characters) is over the limit, so it is bad input here.
        Host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["DurableObjects:Limits:MaxFileBytes"] = "50000" });
        Admin = Host.Admin();
        await Admin.CreateObjectAsync("Calculator");
        await Admin.AddVersionAsync("Calculator", Api.CalculatorV1.Replace("a + b", "b + a", StringComparison.Ordinal));
        var member = await Admin.PostAsJsonAsync("/api/users", new { name = "sweeper", role = "member" });
        await member.ExpectAsync(HttpStatusCode.Created);
        var created = (await member.Content.ReadFromJsonAsync<JsonObject>())!;
        var monitor = await Admin.PostAsync("/api/monitors", Json(SweepInputs.Monitor()));
        await monitor.ExpectAsync(HttpStatusCode.Created);
        Inputs = new SweepInputs(
            UserId: (string)created["user"]!["id"]!,
            TokenId: (string)created["token"]!["tokenId"]!,
            MonitorId: (string)(await monitor.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        Document = await Admin.GetJsonAsync("/openapi/v1.json");
        Operations = ApiOperation.AllFrom(Document);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
