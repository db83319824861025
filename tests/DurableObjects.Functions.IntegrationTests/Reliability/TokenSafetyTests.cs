using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// Safety tests for personal API tokens when storage does not answer: a retried <c>POST /api/tokens</c> leaves exactly
/// one usable token of its operation (the earlier attempt's, whose value nobody received, is revoked), and a token this
/// host revoked is never accepted again here from what the host read before — not while the delete's outcome is
/// unknown, not from the outage fallback of its token cache. Faults are injected into the host's own storage clients
/// (<see cref="StorageFaults"/>), with one storage retry, as in <see cref="LostAnswerTests"/>.
/// </summary>
public sealed class TokenSafetyTests : FaultInjectedHostTests
{
    [Fact]
    public async Task CreateToken_StoredThen503_RetryWithSameKeyRevokesTheEarlierTokenAndLeavesOneUsable()
    {
        var host = await StartAsync();
        var ada = host.As(await host.Admin().CreateUserAsync("ada", "member"));
        var key = Guid.NewGuid().ToString();
        // The token's row is stored but its answer is lost (the storage client's second try meets it: 409); then the
        // audit event cannot be written, so the request answers 503 and its token reaches no one.
        Faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Tokens), then: () => Faults.Refuse(StorageFaults.WriteTo(TableNames.Events)));

        var first = await PostTokenAsync(ada, "laptop", key);
        Faults.Heal();
        var lost = Laptops(await ada.GetJsonAsync("/api/tokens"));
        var retry = await PostTokenAsync(ada, "laptop", key);
        var after = Laptops(await ada.GetJsonAsync("/api/tokens"));
        var revoked = (await host.Admin().GetJsonAsync("/api/events?type=token.revoked"))["items"]!.AsArray();

        await first.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(1, Faults.LostAnswers);
        var earlierId = Assert.Single(lost);
        await retry.ExpectAsync(HttpStatusCode.Created);
        var created = (await retry.Content.ReadFromJsonAsync<JsonObject>())!;
        var (token, id) = (created["token"]!.GetValue<string>(), created["tokenId"]!.GetValue<string>());
        Assert.NotEqual(earlierId, id);
        // Exactly one token of this operation is left, the one answered, and it works; the earlier one's row is gone,
        // so that token (whose value nobody received) is refused wherever it would be presented.
        Assert.Equal([id], after);
        await (await host.As(token).GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
        var revocation = Assert.Single(revoked)!;
        Assert.Equal(earlierId, revocation["data"]!["tokenId"]!.GetValue<string>());
        Assert.Equal("retried", revocation["data"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateToken_RetriedTwiceAfter503s_OnlyTheLastAnsweredTokenOfTheOperationIsLeft()
    {
        var host = await StartAsync();
        var ada = host.As(await host.Admin().CreateUserAsync("ada", "member"));
        var key = Guid.NewGuid().ToString();
        Faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Tokens), then: () => Faults.Refuse(StorageFaults.WriteTo(TableNames.Events)));
        await (await PostTokenAsync(ada, "laptop", key)).ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Faults.Heal();
        // The second attempt revokes the first's token (a DELETE), stores its own (the insert, a POST, whose answer is
        // lost), then cannot audit it: 503 again.
        var write = StorageFaults.WriteTo(TableNames.Tokens);
        Faults.LoseNextAnswer(m => m.Request.Method == RequestMethod.Post && write(m), then: () => Faults.Refuse(StorageFaults.WriteTo(TableNames.Events)));
        await (await PostTokenAsync(ada, "laptop", key)).ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Faults.Heal();

        var third = await PostTokenAsync(ada, "laptop", key);
        var after = Laptops(await ada.GetJsonAsync("/api/tokens"));

        await third.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([(await third.Content.ReadFromJsonAsync<JsonObject>())!["tokenId"]!.GetValue<string>()], after);
    }

    [Fact]
    public async Task Revoke_DeleteAppliedButItsAnswerLostAndStorageFailing_TokenNotAcceptedOnThisHost()
    {
        var host = await StartAsync();
        var token = await host.Admin().CreateUserAsync("ada", "member");
        var ada = host.As(token);
        var id = (await ada.GetJsonAsync("/api/tokens"))["items"]!.AsArray().Single()!["id"]!.GetValue<string>();
        // The delete reaches storage, its answer is lost, and from then on the token table does not answer at all.
        Faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Tokens), then: () => Faults.Refuse(AnyRequestTo(TableNames.Tokens)));

        var revoke = await ada.DeleteAsync($"/api/tokens/{id}");
        var during = await ada.GetAsync("/api/me");
        Faults.Heal();
        var healed = await ada.GetAsync("/api/me");

        await revoke.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        // Read just before (30 s cache bound), the token would still be accepted from this host's cache: it is not.
        await during.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        await healed.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoke_ThenStorageFails_TheTokenCachesOutageFallbackDoesNotAcceptIt()
    {
        // A cache bound so short that the token's entry is stale by the time storage fails: only the outage fallback
        // (the last successful read, kept for TokenOutageBound) could still accept it.
        var host = await StartAsync(tokenCacheBound: TimeSpan.FromMilliseconds(300));
        var admin = host.Admin();
        var ada = host.As(await admin.CreateUserAsync("ada", "member"));
        var id = (await ada.GetJsonAsync("/api/tokens"))["items"]!.AsArray().Single()!["id"]!.GetValue<string>();

        // Revoked by an admin: ada's token is not presented again, so all this host knows of it is that read, from
        // before the delete.
        await (await admin.DeleteAsync($"/api/users/ada/tokens/{id}")).ExpectAsync(HttpStatusCode.NoContent);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Faults.Refuse(AnyRequestTo(TableNames.Tokens));
        var during = await ada.GetAsync("/api/me");
        Faults.Heal();

        await during.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        await (await ada.GetAsync("/api/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenNotRevoked_StorageFails_StillAcceptedFromTheOutageFallback()
    {
        // The other side of the test above: the fallback itself still serves a token nobody revoked.
        var host = await StartAsync(tokenCacheBound: TimeSpan.FromMilliseconds(300));
        var ada = host.As(await host.Admin().CreateUserAsync("ada", "member"));
        await (await ada.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);

        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Faults.Refuse(AnyRequestTo(TableNames.Tokens));
        var during = await ada.GetAsync("/api/events?pageSize=1");

        await during.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Any request (reads included) to the table whose name ends with <paramref name="table"/>.</summary>
    private static Func<HttpMessage, bool> AnyRequestTo(string table) => message =>
        message.Request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() is { } last &&
        (last.EndsWith(table, StringComparison.Ordinal) || last.Contains(table + "(", StringComparison.Ordinal));

    private static List<string> Laptops(JsonObject listing) =>
        [.. listing["items"]!.AsArray().Where(t => t!["name"]!.GetValue<string>() == "laptop").Select(t => t!["id"]!.GetValue<string>())];

    private static Task<HttpResponseMessage> PostTokenAsync(HttpClient client, string name, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name }) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
