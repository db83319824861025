using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Monitors.IntegrationTests.Delivery;

/// <summary>
/// A disabled owner's monitor stays as it is but notifies no one: its matches are skipped (audited as
/// <c>monitor.fired</c> with status <c>skipped</c>), not kept for later; enabled again, the owner is notified from then on.
/// </summary>
public sealed class DisabledOwnerTests
{
    private const string AdaPhone = "+15551230009";

    [Fact]
    public async Task UserRegisters_SmsMonitorOfADisabledOwner_NothingSentAndTheSkipAudited_EnabledAgainItSends()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider);
        var admin = host.Admin();
        var ada = await host.UserAsync("ada");
        await host.VerifyPhoneAsync(ada, AdaPhone);
        var monitor = await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "user.registered", channel = "sms" });
        await SetDisabledAsync(admin, true);

        await admin.CreateUserAsync("bob", "member");
        var skipped = await WaitForFiredAsync(admin, (string)monitor["id"]!, "skipped");
        await SetDisabledAsync(admin, false);
        await admin.CreateUserAsync("carol", "member");
        await provider.WaitForAsync(r => r.IsSms && r.Form("To") == AdaPhone && r.Form("Body").Contains("user/carol", StringComparison.Ordinal));
        var kept = await admin.GetJsonAsync($"/api/monitors/{monitor["id"]}");

        Assert.Equal("ada", skipped["data"]!["owner"]!.GetValue<string>());
        Assert.DoesNotContain(provider.SmsTo(AdaPhone), b => b.Contains("user/bob", StringComparison.Ordinal));
        Assert.True(kept["enabled"]!.GetValue<bool>());
    }

    private static async Task SetDisabledAsync(HttpClient admin, bool disabled) =>
        await (await admin.PatchAsJsonAsync("/api/users/ada", new { disabled })).ExpectAsync(HttpStatusCode.OK);

    private static async Task<JsonObject> WaitForFiredAsync(HttpClient admin, string monitorId, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var fired = (await admin.GetJsonAsync($"/api/events?type=monitor.fired&subject=monitor/{monitorId}"))["items"]!.AsArray();
            if (fired.FirstOrDefault(e => e!["data"]!["status"]!.GetValue<string>() == status) is JsonObject found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < until, $"no monitor.fired with status {status} within 60 s");
            await Task.Delay(250);
        }
    }
}
