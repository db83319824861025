using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Storage.Entities;
using DurableObjects.Shared.Users;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// Token events are recorded exactly once, and a token revocation retried with the same <c>Idempotency-Key</c> answers
/// as its first attempt did: after a lost answer, and after a first attempt that revoked the token and then could not
/// record its event. Faults are injected into the host's own storage clients (<see cref="StorageFaults"/>), with one
/// storage retry, as in <see cref="LostAnswerTests"/>.
/// </summary>
public sealed class TokenAuditOnceTests : FaultInjectedHostTests
{
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public override async Task InitializeAsync()
    {
        _host = await StartAsync();
        _admin = _host.Admin();
    }

    [Fact]
    public async Task CreateToken_EventInsertAppliedButItsAnswerLost_OneTokenAndOneEvent()
    {
        var ada = _host.As(await _admin.CreateUserAsync("ada", "member"));
        var key = Guid.NewGuid().ToString();
        Faults.LoseNextAnswer(EventWrites.Of("token.created"));

        var created = await SendAsync(ada, HttpMethod.Post, "/api/tokens", key, new { name = "laptop" });
        if (created.StatusCode != HttpStatusCode.Created)
        {
            // What a client does with an answer it cannot use: the same request, the same key.
            created = await SendAsync(ada, HttpMethod.Post, "/api/tokens", key, new { name = "laptop" });
        }

        await created.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, Faults.LostAnswers);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["tokenId"]!.GetValue<string>();
        Assert.Equal([id], await TokenIdsAsync("token.created", "laptop"));
        Assert.Empty(await EventsAsync("token.revoked"));
    }

    [Fact]
    public async Task RevokeToken_AnswerLost_RetryWithSameKeyAnswersNoContentWithOneEvent()
    {
        var ada = _host.As(await _admin.CreateUserAsync("ada", "member"));
        var laptop = await CreateTokenAsync(ada, "laptop");
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(ada, HttpMethod.Delete, $"/api/tokens/{laptop}", key);
        // Its answer never reached the client, which sends the same request again.
        var retry = await SendAsync(ada, HttpMethod.Delete, $"/api/tokens/{laptop}", key);
        var another = await SendAsync(ada, HttpMethod.Delete, $"/api/tokens/{laptop}", Guid.NewGuid().ToString());

        await first.ExpectAsync(HttpStatusCode.NoContent);
        await retry.ExpectAsync(HttpStatusCode.NoContent);
        // Another request (another key) for the token gone: not found, as before.
        await another.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal([laptop], await TokenIdsAsync("token.revoked"));
        Assert.DoesNotContain(laptop, await ListedAsync(ada));
    }

    [Fact]
    public async Task RevokeToken_DeletedThenItsEventRefused_RetryWithSameKeyAnswersNoContentAndRecordsItOnce()
    {
        var ada = _host.As(await _admin.CreateUserAsync("ada", "member"));
        var laptop = await CreateTokenAsync(ada, "laptop");
        var grace = _host.As(await _admin.CreateUserAsync("grace", "member"));
        var graces = await CreateTokenAsync(grace, "phone");
        var key = Guid.NewGuid().ToString();
        // The token's row is deleted; then its token.revoked event cannot be written: 503.
        Faults.Refuse(StorageFaults.WriteTo(TableNames.Events));

        var first = await SendAsync(ada, HttpMethod.Delete, $"/api/tokens/{laptop}", key);
        Faults.Heal();
        var retry = await SendAsync(ada, HttpMethod.Delete, $"/api/tokens/{laptop}", key);
        var again = await SendAsync(ada, HttpMethod.Delete, $"/api/tokens/{laptop}", key);

        await first.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.NoContent);
        await again.ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal([laptop], await TokenIdsAsync("token.revoked"));
        Assert.DoesNotContain(laptop, await ListedAsync(ada));
        // An id that never existed, or another user's token, is still not found, with a key as without, and changes nothing.
        var unknownKey = Guid.NewGuid().ToString();
        await (await SendAsync(ada, HttpMethod.Delete, "/api/tokens/0123456789ab", unknownKey)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await SendAsync(ada, HttpMethod.Delete, "/api/tokens/0123456789ab", unknownKey)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await SendAsync(ada, HttpMethod.Delete, $"/api/tokens/{graces}", Guid.NewGuid().ToString())).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(graces, await ListedAsync(grace));
        Assert.Equal([laptop], await TokenIdsAsync("token.revoked"));
    }

    [Fact]
    public async Task RevokeToken_Keyed_DeletesMarkersOlderThanTheReplayWindowAndKeepsFreshOnes()
    {
        var ada = _host.As(await _admin.CreateUserAsync("ada", "member"));
        var laptop = await CreateTokenAsync(ada, "laptop");
        var tokens = await _host.Services.GetRequiredService<StorageClients>().TableAsync(TableNames.Tokens);
        // A marker left by a keyed revocation 25 h ago: past the 24 h its key is replayed, nothing reads it any more.
        var old = RevocationMarker.RowKeyOf(new string('0', 63) + "1");
        await tokens.AddEntityAsync(new TableEntity(TokenEntity.Partition, old)
        {
            [RevocationMarker.Owner] = "ada",
            [RevocationMarker.Name] = "old",
            [RevocationMarker.CreatedAt] = DateTimeOffset.UtcNow.AddDays(-2),
            [RevocationMarker.WriteId] = Guid.NewGuid().ToString("N"),
            [RevocationMarker.RevokedAt] = DateTimeOffset.UtcNow.AddHours(-25),
        });
        var key = Guid.NewGuid().ToString();

        var revoke = await SendAsync(ada, HttpMethod.Delete, $"/api/tokens/{laptop}", key);
        var markers = await MarkersAsync(tokens);

        await revoke.ExpectAsync(HttpStatusCode.NoContent);
        Assert.DoesNotContain(old, markers);
        Assert.Single(markers, m => m.StartsWith(RevocationMarker.RowKeyOf(laptop), StringComparison.Ordinal));
    }

    private static async Task<List<string>> MarkersAsync(TableClient tokens)
    {
        var markers = new List<string>();
        await foreach (var row in tokens.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TokenEntity.Partition} and RowKey ge {RevocationMarker.Prefix}"), select: ["RowKey"]))
        {
            markers.Add(row.RowKey);
        }
        return markers;
    }

    private static async Task<string> CreateTokenAsync(HttpClient client, string name)
    {
        var created = await client.PostAsJsonAsync("/api/tokens", new { name });
        await created.ExpectAsync(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["tokenId"]!.GetValue<string>();
    }

    private static async Task<List<string>> ListedAsync(HttpClient client) =>
        [.. (await client.GetJsonAsync("/api/tokens"))["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>())];

    private async Task<List<JsonNode>> EventsAsync(string type) =>
        [.. (await _admin.GetJsonAsync($"/api/events?type={type}"))["items"]!.AsArray().Select(e => e!)];

    // The token ids of the events of a type about ada (of her tokens named <paramref name="name"/>, if given).
    private async Task<List<string>> TokenIdsAsync(string type, string? name = null)
    {
        var ids = (await EventsAsync(type)).Where(e => e["subject"]!.GetValue<string>() == "user/ada").Select(e => e["data"]!["tokenId"]!.GetValue<string>()).ToList();
        if (name is null)
        {
            return ids;
        }
        var named = await _admin.GetJsonAsync("/api/users/ada/tokens");
        var ofName = named["items"]!.AsArray().Where(t => t!["name"]!.GetValue<string>() == name).Select(t => t!["id"]!.GetValue<string>()).ToHashSet();
        var revoked = (await EventsAsync("token.revoked")).Select(e => e["data"]!["tokenId"]!.GetValue<string>()).ToHashSet();
        // A token of that name made by an earlier attempt and revoked by its retry counts too: it was made.
        return [.. ids.Where(id => ofName.Contains(id) || revoked.Contains(id))];
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
