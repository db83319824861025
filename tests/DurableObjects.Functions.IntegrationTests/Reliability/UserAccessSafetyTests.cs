using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// Safety tests for disabling users and changing roles when storage does not answer, and when two admins act at once:
/// a user this host disabled (or demoted) is never let back in (or kept as admin) here by the outage fallback of its
/// token cache — not when the change is confirmed, not when its answer was lost — and two admins disabling each other at
/// once never leave the system without an enabled admin. Faults are injected into the host's own storage clients
/// (<see cref="StorageFaults"/>), with one storage retry, as in <see cref="TokenSafetyTests"/>.
/// </summary>
public sealed class UserAccessSafetyTests : FaultInjectedHostTests
{
    [Fact]
    public async Task Disable_ThenStorageFails_TheTokenCachesOutageFallbackKeepsRefusingTheUser()
    {
        // A cache bound so short that the token's entry is stale by the time storage fails: only the outage fallback
        // (the last successful read, kept for TokenOutageBound: an enabled ada) could still accept it.
        var host = await StartAsync(tokenCacheBound: TimeSpan.FromMilliseconds(300));
        var admin = host.Admin();
        var ada = host.As(await admin.CreateUserAsync("ada", "member"));
        await (await ada.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);

        await (await admin.PatchAsJsonAsync("/api/users/ada", new { disabled = true })).ExpectAsync(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Faults.Refuse(AnyRequestTo(TableNames.Tokens, TableNames.Users));
        var during = await ada.GetAsync("/api/events?pageSize=1");
        Faults.Heal();
        var healed = await ada.GetAsync("/api/me");

        var problem = await during.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Account disabled", problem["title"]!.GetValue<string>());
        await healed.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DisableThenEnable_ThenStorageFails_TheUserIsAcceptedAsThisHostStoredThem()
    {
        // The other side of the test above: the fallback answers the account as this host last stored it, enabled.
        var host = await StartAsync(tokenCacheBound: TimeSpan.FromMilliseconds(300));
        var admin = host.Admin();
        var ada = host.As(await admin.CreateUserAsync("ada", "member"));
        await (await ada.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);

        await (await admin.PatchAsJsonAsync("/api/users/ada", new { disabled = true })).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PatchAsJsonAsync("/api/users/ada", new { disabled = false })).ExpectAsync(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Faults.Refuse(AnyRequestTo(TableNames.Tokens, TableNames.Users));
        var during = await ada.GetAsync("/api/events?pageSize=1");

        await during.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Demote_ThenStorageFails_TheDemotedAdminIsNotAnAdminOnThisHost()
    {
        var host = await StartAsync(tokenCacheBound: TimeSpan.FromMilliseconds(300));
        var admin = host.Admin();
        var root = host.As(await admin.CreateUserAsync("root", "admin"));
        await (await root.GetAsync("/api/users")).ExpectAsync(HttpStatusCode.OK);

        await (await admin.PatchAsJsonAsync("/api/users/root", new { role = "viewer" })).ExpectAsync(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Faults.Refuse(AnyRequestTo(TableNames.Tokens, TableNames.Users));
        // Authorized as an admin (the fallback's read), this would reach the listing and meet the outage: 503.
        var during = await root.PostAsJsonAsync("/api/users", new { name = "eve", role = "admin" });
        var reading = await root.GetAsync("/api/events?pageSize=1");

        await during.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await reading.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disable_WriteAppliedButItsAnswerLostAndStorageFailing_UserNotAcceptedOnThisHost()
    {
        var host = await StartAsync();
        var admin = host.Admin();
        var ada = host.As(await admin.CreateUserAsync("ada", "member"));
        // Read just before (30 s cache bound): from this host's cache, ada would still be accepted.
        await (await ada.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
        // The change (one transaction on the users' partition) reaches storage, its answer is lost, and from then on
        // the users' and tokens' tables do not answer at all.
        Faults.LoseNextAnswer(UsersTransaction, then: () => Faults.Refuse(AnyRequestTo(TableNames.Tokens, TableNames.Users)));

        var disable = await admin.PatchAsJsonAsync("/api/users/ada", new { disabled = true });
        var during = await ada.GetAsync("/api/events?pageSize=1");
        Faults.Heal();
        var healed = await ada.GetAsync("/api/me");
        var listed = await admin.GetFromJsonAsync<JsonArray>("/api/users");

        await disable.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(1, Faults.LostAnswers);
        await during.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Account disabled", (await healed.ExpectProblemAsync(HttpStatusCode.Unauthorized))["title"]!.GetValue<string>());
        Assert.True(listed!.Single(u => u!["id"]!.GetValue<string>() == "ada")!["disabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task DisableEachOther_TwoAdminsAtOnce_AtMostOneSucceedsAndAnEnabledAdminRemains()
    {
        var host = await StartAsync();
        var admin = host.Admin();
        for (var round = 0; round < 5; round++)
        {
            var (one, two) = ($"one{round}", $"two{round}");
            var first = host.As(await admin.CreateUserAsync(one, "admin"));
            var second = host.As(await admin.CreateUserAsync(two, "admin"));
            // The bootstrap admin steps aside, so these two are the only enabled admins.
            await (await first.PatchAsJsonAsync("/api/users/admin", new { disabled = true })).ExpectAsync(HttpStatusCode.OK);
            await (await first.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
            await (await second.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);

            var answers = await Task.WhenAll(
                first.PatchAsJsonAsync($"/api/users/{two}", new { disabled = true }),
                second.PatchAsJsonAsync($"/api/users/{one}", new { disabled = true }));

            Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) <= 1,
                $"round {round}: both admins disabled each other ({string.Join(", ", answers.Select(a => (int)a.StatusCode))})");
            var survivor = answers[0].StatusCode == HttpStatusCode.OK ? first : second;
            var users = await survivor.GetFromJsonAsync<JsonArray>("/api/users");
            Assert.Contains(users!, u => u!["role"]!.GetValue<string>() == "admin" && !u["disabled"]!.GetValue<bool>());
            // Hand over for the next round: the bootstrap admin comes back, the pair goes.
            await (await survivor.PatchAsJsonAsync("/api/users/admin", new { disabled = false })).ExpectAsync(HttpStatusCode.OK);
            foreach (var id in new[] { one, two })
            {
                await (await admin.PatchAsJsonAsync($"/api/users/{id}", new { disabled = true })).ExpectAsync(HttpStatusCode.OK);
            }
        }
    }

    [Fact]
    public async Task Change_StoredThenItsEventsRefused_RetryWithSameKeyRecordsEachEventOnceAndAnswersTheChange()
    {
        var host = await StartAsync();
        var admin = host.Admin();
        await admin.CreateUserAsync("ada", "member");
        var key = Guid.NewGuid().ToString();
        // The change is stored; then its audit events cannot be written: 503.
        Faults.Refuse(StorageFaults.WriteTo(TableNames.Events));

        var first = await PatchAsync(admin, "ada", new { role = "viewer", disabled = true }, key);
        Faults.Heal();
        var retry = await PatchAsync(admin, "ada", new { role = "viewer", disabled = true }, key);
        var again = await PatchAsync(admin, "ada", new { role = "viewer", disabled = true }, key);

        await first.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.OK);
        await again.ExpectAsync(HttpStatusCode.OK);
        var answered = (await retry.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("viewer", answered["role"]!.GetValue<string>());
        Assert.True(answered["disabled"]!.GetValue<bool>());
        var roleChanged = Assert.Single(await EventsAsync(admin, "user.role_changed"));
        Assert.Equal(("member", "viewer", "admin"),
            (roleChanged["data"]!["from"]!.GetValue<string>(), roleChanged["data"]!["to"]!.GetValue<string>(), roleChanged["actor"]!.GetValue<string>()));
        Assert.Equal("admin", Assert.Single(await EventsAsync(admin, "user.disabled"))["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disable_StoredThenItsEventRefusedWithoutKey_TheNextListingRecordsItOnceWithoutAnotherChange()
    {
        var host = await StartAsync();
        var admin = host.Admin();
        await admin.CreateUserAsync("ada", "member");
        Faults.Refuse(StorageFaults.WriteTo(TableNames.Events));

        var disable = await admin.PatchAsJsonAsync("/api/users/ada", new { disabled = true });
        Faults.Heal();
        var before = await EventsAsync(admin, "user.disabled");
        var listed = await admin.GetFromJsonAsync<JsonArray>("/api/users");
        await admin.GetFromJsonAsync<JsonArray>("/api/users");

        await disable.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Empty(before);
        Assert.True(listed!.Single(u => u!["id"]!.GetValue<string>() == "ada")!["disabled"]!.GetValue<bool>());
        Assert.Equal("admin", Assert.Single(await EventsAsync(admin, "user.disabled"))["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disable_ChangeAppliedButItsAnswerLost_AnswersTheChangeWithItsEventOnce()
    {
        var host = await StartAsync();
        var admin = host.Admin();
        await admin.CreateUserAsync("ada", "member");
        // The change reaches storage, its answer is lost, and the storage client's resend is refused (the row's ETag
        // moved): the request reads the user again and finds the change already made — by itself.
        Faults.LoseNextAnswer(UsersTransaction);

        var disable = await admin.PatchAsJsonAsync("/api/users/ada", new { disabled = true });

        await disable.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, Faults.LostAnswers);
        Assert.True((await disable.Content.ReadFromJsonAsync<JsonObject>())!["disabled"]!.GetValue<bool>());
        Assert.Single(await EventsAsync(admin, "user.disabled"));
    }

    [Fact]
    public async Task Enable_EventWrittenButItsAnswerLost_AnswersTheChangeWithOneEvent()
    {
        var host = await StartAsync();
        var admin = host.Admin();
        await admin.CreateUserAsync("ada", "member");
        await (await admin.PatchAsJsonAsync("/api/users/ada", new { disabled = true })).ExpectAsync(HttpStatusCode.OK);
        Faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Events));

        var enable = await admin.PatchAsJsonAsync("/api/users/ada", new { disabled = false });

        await enable.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, Faults.LostAnswers);
        Assert.Single(await EventsAsync(admin, "user.enabled"));
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string userId, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/users/{userId}") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<List<JsonNode>> EventsAsync(HttpClient admin, string type) =>
        [.. (await admin.GetJsonAsync($"/api/events?type={type}&subject=user/ada"))["items"]!.AsArray().Select(e => e!)];

    /// <summary>An entity-group transaction (a <c>$batch</c>), as a user's access change is sent.</summary>
    private static bool Transaction(HttpMessage message) => message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);

    /// <summary>A transaction whose operations address the users' table (each names its table in its URL).</summary>
    private static bool UsersTransaction(HttpMessage message)
    {
        if (!Transaction(message) || message.Request.Content is not { } content)
        {
            return false;
        }
        using var body = new MemoryStream();
        content.WriteTo(body, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains(TableNames.Users + "(", StringComparison.Ordinal);
    }

    /// <summary>Any request (reads included, and transactions) to the tables whose names end with <paramref name="tables"/>.</summary>
    private static Func<HttpMessage, bool> AnyRequestTo(params string[] tables) => message =>
        Transaction(message) ||
        (message.Request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() is { } last &&
         tables.Any(table => last.EndsWith(table, StringComparison.Ordinal) || last.Contains(table + "(", StringComparison.Ordinal)));
}
