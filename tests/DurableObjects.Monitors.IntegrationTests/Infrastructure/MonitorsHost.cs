using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DurableObjects.Testing;

namespace DurableObjects.Monitors.IntegrationTests.Infrastructure;

/// <summary>
/// The real host (Azurite, the Durable Task engine, every API, the monitor timer) with every channel pointed at a
/// <see cref="ProviderStandIn"/>. The timer ticks every second unless switched off (then tests scan through the API).
/// </summary>
public sealed partial class MonitorsHost : IAsyncDisposable
{
    private MonitorsHost(TestHost host, ProviderStandIn provider)
    {
        Host = host;
        Provider = provider;
    }

    public TestHost Host { get; }
    public ProviderStandIn Provider { get; }

    public static async Task<MonitorsHost> StartAsync(
        ProviderStandIn provider, bool timer = true, string? prefix = null, IDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["TWILIO_ACCOUNT_SID"] = ProviderStandIn.AccountSid,
            ["TWILIO_AUTH_TOKEN"] = ProviderStandIn.AuthToken,
            ["TWILIO_PHONE_NUMBER"] = ProviderStandIn.PhoneNumber,
            ["TWILIO_API_BASE_URL"] = provider.BaseAddress.ToString(),
            ["SENDGRID_API_KEY"] = "SG.monitor-test-key",
            ["SENDGRID_API_BASE_URL"] = provider.BaseAddress.ToString(),
            ["FROM_EMAIL"] = "monitors@objects.example.test",
            ["SLACK_BOT_TOKEN"] = "xoxb-monitor-test",
            ["SLACK_API_BASE_URL"] = new Uri(provider.BaseAddress, "/api/").ToString(),
            ["PUBLIC_BASE_URL"] = "https://objects.example.test",
            ["Phones:ResendCooldown"] = "00:00:00",
            ["DurableObjects:Monitors:Enabled"] = timer ? "true" : "false",
            ["DurableObjects:Monitors:Schedule"] = "* * * * * *",
            ["DurableObjects:Monitors:ClaimTimeout"] = "00:00:10",
            ["DurableObjects:Monitors:MinScheduleInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        return new MonitorsHost(await TestHost.StartAsync(prefix, values, services), provider);
    }

    public HttpClient Admin() => Host.Admin();

    /// <summary>Creates a user and returns a client authenticated as them.</summary>
    public async Task<HttpClient> UserAsync(string name, string role = "member") => Host.As(await Host.Admin().CreateUserAsync(name, role));

    /// <summary>Verifies <paramref name="phone"/> for the user behind <paramref name="client"/>, reading the code from the stand-in.</summary>
    public async Task VerifyPhoneAsync(HttpClient client, string phone)
    {
        var response = await client.PutAsJsonAsync("/api/me/phone", new { phone });
        await response.ExpectAsync(HttpStatusCode.Accepted);
        var sms = (await Provider.WaitForAsync(r => r.IsSms && r.Form("To") == phone))[^1].Form("Body");
        var code = Code().Match(sms).Value;
        var verified = await client.PostAsJsonAsync("/api/me/phone/verify", new { code });
        await verified.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Creates a monitor and returns its JSON.</summary>
    public static async Task<JsonObject> CreateMonitorAsync(HttpClient client, object definition)
    {
        var response = await client.PostAsJsonAsync("/api/monitors", definition);
        await response.ExpectAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Runs a scan now through the admin API and returns its report.</summary>
    public async Task<JsonObject> ScanAsync()
    {
        var response = await Admin().PostAsync("/api/monitors/scan", null);
        await response.ExpectAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex Code();

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
