using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_OnSameStorage_KeepsObjectsVersionsEventsAndTokens()
    {
        string prefix;
        string token;
        await using (var first = await TestHost.StartAsync())
        {
            prefix = first.Prefix;
            token = first.AdminToken;
            var admin = first.Admin();
            await admin.CreateObjectAsync("Calculator");
            await admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "// two\n");
        }

        await using var second = await TestHost.StartAsync(prefix);
        var client = second.As(token);
        var found = await client.GetJsonAsync("/api/objects/Calculator");
        var version = await client.GetJsonAsync("/api/objects/Calculator/versions/2");
        var events = await client.GetJsonAsync("/api/events?subject=object/calculator");

        Assert.Equal(2, found["currentVersion"]!.GetValue<int>());
        Assert.EndsWith("// two\n", version["files"]!["Calculator.cs"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["version.added", "object.created"], events["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        var users = await client.GetJsonAsync("/api/me");
        Assert.Equal("admin", users["id"]!.GetValue<string>());
    }
}
