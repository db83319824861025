using System.Net;
using System.Net.Http.Json;
using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Monitors.IntegrationTests.Api;

/// <summary>Owners see and change only their own monitors; admins see and change all.</summary>
public sealed class MonitorOwnershipTests
{
    [Fact]
    public async Task OtherUsersMonitor_NotVisibleNorChangeable_AdminSeesAll()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider, timer: false);
        var ada = await host.UserAsync("ada");
        var bob = await host.UserAsync("bob", "viewer");
        var adas = await MonitorsHost.CreateMonitorAsync(ada, new { eventType = "object.*", channel = "email", target = "ada@example.com" });
        var bobs = await MonitorsHost.CreateMonitorAsync(bob, new { eventType = "*.failed", channel = "slack", target = "#bob" });
        var id = adas["id"]!.GetValue<string>();

        Assert.Equal(id, Assert.Single((await ada.GetJsonAsync("/api/monitors"))["items"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal("bob", Assert.Single((await bob.GetJsonAsync("/api/monitors"))["items"]!.AsArray())!["owner"]!.GetValue<string>());
        await (await bob.GetAsync($"/api/monitors/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PatchAsJsonAsync($"/api/monitors/{id}", new { target = "bob@example.com" })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PostAsync($"/api/monitors/{id}/disable", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await bob.DeleteAsync($"/api/monitors/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PostAsync("/api/monitors/scan", null)).ExpectAsync(HttpStatusCode.Forbidden);
        var unchanged = await ada.GetJsonAsync($"/api/monitors/{id}");
        Assert.Equal("ada@example.com", unchanged["target"]!.GetValue<string>());
        Assert.True(unchanged["enabled"]!.GetValue<bool>());

        Assert.Equal(2, (await host.Admin().GetJsonAsync("/api/monitors"))["items"]!.AsArray().Count);
        var disabled = await host.Admin().PostAsync($"/api/monitors/{id}/disable", null);
        await disabled.ExpectAsync(HttpStatusCode.OK);
        Assert.False((await ada.GetJsonAsync($"/api/monitors/{id}"))["enabled"]!.GetValue<bool>());

        var patched = await ada.PatchAsJsonAsync($"/api/monitors/{id}", new { eventType = "version.added", quietHours = "22:00-07:00", timeZone = "Europe/Paris", enabled = true });
        await patched.ExpectAsync(HttpStatusCode.OK);
        var after = await ada.GetJsonAsync($"/api/monitors/{id}");
        Assert.Equal("version.added", after["eventType"]!.GetValue<string>());
        Assert.Equal("22:00-07:00", after["quietHours"]!.GetValue<string>());
        await (await ada.DeleteAsync($"/api/monitors/{id}")).ExpectAsync(HttpStatusCode.NoContent);
        await (await ada.GetAsync($"/api/monitors/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.NotNull(bobs["id"]);
    }
}
