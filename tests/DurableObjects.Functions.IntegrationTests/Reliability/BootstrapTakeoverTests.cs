using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// A host that claimed the first start and died before it created the admin does not lock everyone out: once the claim
/// is older than its lease and storage still holds no user, the next host to start takes the claim over and creates
/// the admin. A fresh claim is left to the host that made it, and an old one never makes a second admin where a user
/// exists.
/// </summary>
public sealed class BootstrapTakeoverTests
{
    [Fact]
    public async Task Bootstrap_ClaimOfAHostThatDiedBeforeCreatingTheAdmin_NextStartTakesItOverAndCreatesTheAdmin()
    {
        var prefix = NewPrefix();
        await WriteClaimAsync(prefix, DateTimeOffset.UtcNow.AddMinutes(-10));

        await using var host = await TestHost.StartAsync(prefix);

        await (await host.Admin().GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(await RegisteredAsync(host.Admin()));
    }

    [Fact]
    public async Task Bootstrap_FreshClaimOfAnotherHostAndNoUserYet_IsLeftToThatHost()
    {
        var prefix = NewPrefix();
        await WriteClaimAsync(prefix, DateTimeOffset.UtcNow);

        await using var host = await TestHost.StartAsync(prefix);

        Assert.Equal("", host.AdminToken);
        Assert.Empty(await UsersAsync(prefix));
    }

    [Fact]
    public async Task Bootstrap_OldClaimWhereTheAdminExists_RestartCreatesNoSecondAdmin()
    {
        var prefix = NewPrefix();
        string token;
        await using (var first = await TestHost.StartAsync(prefix))
        {
            token = first.AdminToken;
        }
        await WriteClaimAsync(prefix, DateTimeOffset.UtcNow.AddHours(-1));

        await using var again = await TestHost.StartAsync(prefix);

        Assert.Single(await RegisteredAsync(again.As(token)));
        Assert.Single(await UsersAsync(prefix));
    }

    private static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<TableClient> UsersTableAsync(string prefix)
    {
        var table = new TableClient(await Azurite.ConnectionStringAsync(), prefix + TableNames.Users);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    // The claim row as a host writes it (partition "system", row "bootstrap"), made at the given time by another host.
    private static async Task WriteClaimAsync(string prefix, DateTimeOffset at)
    {
        var table = await UsersTableAsync(prefix);
        await table.UpsertEntityAsync(new TableEntity("system", "bootstrap") { ["At"] = at, ["WriteId"] = "another-host" }, TableUpdateMode.Replace);
    }

    private static async Task<List<TableEntity>> UsersAsync(string prefix)
    {
        var table = await UsersTableAsync(prefix);
        return [.. table.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"user"}"))];
    }

    private static async Task<List<JsonNode>> RegisteredAsync(HttpClient admin) =>
        [.. (await admin.GetJsonAsync("/api/events?type=user.registered"))["items"]!.AsArray().Select(e => e!)];
}
