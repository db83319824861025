using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Shared.Users;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

/// <summary>
/// Listing and revoking personal API tokens (<c>GET /api/tokens</c>, <c>DELETE /api/tokens/{tokenId}</c>, and the
/// admins' <c>/api/users/{userId}/tokens</c>): a revoked token is refused by this host on its very next request, people
/// only ever see and revoke their own tokens, and listings never show a token or its hash.
/// </summary>
public sealed class TokensApiTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _admin = _host.Admin();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Revoke_OwnToken_ListedUntilRevokedThenRefusedOnItsNextRequestAtOnce()
    {
        var ada = _host.As(await _admin.CreateUserAsync("ada", "member"));
        var (laptop, laptopId) = await CreateTokenAsync(ada, "laptop");
        var onLaptop = _host.As(laptop);
        // Read (and so cached) by this host just before: the default cache bound (30 s) would keep accepting it.
        await (await onLaptop.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);

        var before = await ada.GetJsonAsync("/api/tokens");
        var revoke = await ada.DeleteAsync($"/api/tokens/{laptopId}");
        var after = await ada.GetJsonAsync("/api/tokens");
        var next = await onLaptop.GetAsync("/api/me");

        Assert.Equal(["first", "laptop"], Names(before));
        Assert.Equal(laptopId, Items(before).Single(t => t["name"]!.GetValue<string>() == "laptop")["id"]!.GetValue<string>());
        await revoke.ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(["first"], Names(after));
        await next.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await ada.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoke_TheTokenOfThisVeryRequest_Answers204AndTheTokenIsRefusedNext()
    {
        var token = await _admin.CreateUserAsync("ada", "viewer");
        var ada = _host.As(token);
        var id = Items(await ada.GetJsonAsync("/api/tokens")).Single()["id"]!.GetValue<string>();

        var revoke = await ada.DeleteAsync($"/api/tokens/{id}");
        var next = await ada.GetAsync("/api/tokens");

        await revoke.ExpectAsync(HttpStatusCode.NoContent);
        await next.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoke_AnotherUsersToken_404WithoutSayingItExistsAndTheTokenKeepsWorking()
    {
        var alice = _host.As(await _admin.CreateUserAsync("alice", "member"));
        var bob = _host.As(await _admin.CreateUserAsync("bob", "member"));
        var (_, aliceId) = await CreateTokenAsync(alice, "laptop");
        var before = await StorageSnapshot.TakeAsync(_host);

        var mine = await bob.DeleteAsync($"/api/tokens/{aliceId}");
        var unknown = await bob.DeleteAsync("/api/tokens/0123456789ab");
        var asAdminRoute = await bob.DeleteAsync($"/api/users/alice/tokens/{aliceId}");
        var listAsAdminRoute = await bob.GetAsync("/api/users/alice/tokens");

        var notYours = await mine.ExpectProblemAsync(HttpStatusCode.NotFound);
        var noSuch = await unknown.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal($"You have no token '{aliceId}'.", notYours["detail"]!.GetValue<string>());
        Assert.Equal("You have no token '0123456789ab'.", noSuch["detail"]!.GetValue<string>());
        await asAdminRoute.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await listAsAdminRoute.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
        Assert.Equal(["first", "laptop"], Names(await alice.GetJsonAsync("/api/tokens")));
        await (await alice.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminRevoke_AMembersToken_204AndTheMembersTokenIsRefusedAndTheRevocationAudited()
    {
        var memberToken = await _admin.CreateUserAsync("mia", "member");
        var mia = _host.As(memberToken);
        await (await mia.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
        var listed = await _admin.GetJsonAsync("/api/users/mia/tokens");
        var id = Items(listed).Single()["id"]!.GetValue<string>();

        var revoke = await _admin.DeleteAsync($"/api/users/mia/tokens/{id}");
        var next = await mia.GetAsync("/api/me");
        var events = await _admin.GetJsonAsync("/api/events?type=token.revoked");

        Assert.Equal(ApiTokens.ShortId(ApiTokens.Hash(memberToken)), id);
        await revoke.ExpectAsync(HttpStatusCode.NoContent);
        await next.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var revoked = Items(events).Single();
        Assert.Equal("user/mia", revoked["subject"]!.GetValue<string>());
        Assert.Equal("admin", revoked["actor"]!.GetValue<string>());
        Assert.Equal(id, revoked["data"]!["tokenId"]!.GetValue<string>());
        Assert.DoesNotContain(memberToken, events.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiTokens.Hash(memberToken), events.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(Items(await _admin.GetJsonAsync("/api/users/mia/tokens")));
    }

    [Fact]
    public async Task AdminTokens_UnknownUser_404AndMalformedUserId_400()
    {
        var unknownList = await _admin.GetAsync("/api/users/nobody/tokens");
        var unknownRevoke = await _admin.DeleteAsync("/api/users/nobody/tokens/0123456789ab");
        var malformed = await _admin.GetAsync("/api/users/no%20spaces/tokens");

        await unknownList.ExpectProblemAsync(HttpStatusCode.NotFound);
        await unknownRevoke.ExpectProblemAsync(HttpStatusCode.NotFound);
        await malformed.ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("0123456789a")]
    [InlineData("0123456789abc")]
    [InlineData("0123456789AB")]
    [InlineData("01234567-9ab")]
    [InlineData("do_0123456789")]
    [InlineData("0123456789ab\n")]
    public async Task Revoke_MalformedTokenId_400ProblemAndNothingChanged(string tokenId)
    {
        var (_, realId) = await CreateTokenAsync(_admin, "laptop");
        var before = await StorageSnapshot.TakeAsync(_host);

        var own = await _admin.DeleteAsync($"/api/tokens/{Uri.EscapeDataString(tokenId)}");
        var admins = await _admin.DeleteAsync($"/api/users/admin/tokens/{Uri.EscapeDataString(tokenId)}");

        var problem = await own.ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admins.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["tokenId"]);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
        Assert.Contains(realId, Items(await _admin.GetJsonAsync("/api/tokens")).Select(t => t["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_NeverShowsATokenOrItsHash_OnlyIdNameAndCreatedAt()
    {
        var (token, id) = await CreateTokenAsync(_admin, "laptop");

        var own = await _admin.GetJsonAsync("/api/tokens");
        var admins = await _admin.GetJsonAsync("/api/users/admin/tokens");

        foreach (var listing in new[] { own, admins })
        {
            var text = listing.ToJsonString();
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiTokens.Hash(token), text, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiTokens.Hash(_host.AdminToken), text, StringComparison.Ordinal);
            Assert.All(Items(listing), t => Assert.Equal(["createdAt", "id", "name"], t.Select(p => p.Key).Order(StringComparer.Ordinal)));
            Assert.Contains(id, Items(listing).Select(t => t["id"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Tokens_WithoutToken_401Problem()
    {
        var anonymous = _host.Anonymous();

        await (await anonymous.GetAsync("/api/tokens")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync("/api/tokens/0123456789ab")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<(string Token, string Id)> CreateTokenAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/tokens", new { name });
        await response.ExpectAsync(HttpStatusCode.Created);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (body["token"]!.GetValue<string>(), body["tokenId"]!.GetValue<string>());
    }

    private static List<JsonObject> Items(JsonObject listing) => [.. listing["items"]!.AsArray().Select(t => t!.AsObject())];

    private static List<string> Names(JsonObject listing) => [.. Items(listing).Select(t => t["name"]!.GetValue<string>())];
}
