using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using DurableObjects.Functions.Auth;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Users;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// A user's <c>user.registered</c> (the bootstrap admin's included) is recorded exactly once: when its insert was
/// applied with its answer lost, when the request stored the user and then could not record the event (its retry with
/// the same <c>Idempotency-Key</c> finishes it and answers 201; without a key, the next listing of users or the next
/// host start does, and a start whose read of the users storage refuses still starts), and
/// when the request stored the first token and could not record that. Faults are injected into the host's own storage
/// clients (<see cref="StorageFaults"/>), with one storage retry.
/// </summary>
public sealed class UserAuditOnceTests : FaultInjectedHostTests
{
    [Fact]
    public async Task CreateUser_StoredThenItsEventRefused_RetryWithSameKeyAnswersCreatedWithOneEvent()
    {
        var host = await StartAsync();
        var admin = host.Admin();
        var key = Guid.NewGuid().ToString();
        // The user's row is stored; then its user.registered event cannot be written: 503.
        Faults.Refuse(StorageFaults.WriteTo(TableNames.Events));

        var first = await PostUserAsync(admin, "ada", key);
        Faults.Heal();
        var retry = await PostUserAsync(admin, "ada", key);
        var again = await PostUserAsync(admin, "ada", key);

        await first.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.Created);
        await again.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var token = (await retry.Content.ReadFromJsonAsync<JsonObject>())!["token"]!["token"]!.GetValue<string>();
        await (await host.As(token).GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
        var registered = Assert.Single(await EventsAsync(admin, "user.registered", "ada"));
        Assert.Equal(("member", "admin"), (registered["data"]!["role"]!.GetValue<string>(), registered["actor"]!.GetValue<string>()));
        Assert.Single(await EventsAsync(admin, "token.created", "ada"));
    }

    [Fact]
    public async Task CreateUser_FirstTokenStoredThenItsEventRefused_RetryRevokesThatTokenAndLeavesOneUsable()
    {
        var host = await StartAsync();
        var admin = host.Admin();
        var key = Guid.NewGuid().ToString();
        // user.registered is recorded, the first token stored, then its token.created cannot be: 503, and that token
        // reaches no one.
        Faults.Refuse(EventWrites.Of("token.created"));

        var first = await PostUserAsync(admin, "ada", key);
        Faults.Heal();
        var lost = await TokenIdsAsync(admin);
        var retry = await PostUserAsync(admin, "ada", key);
        var after = await TokenIdsAsync(admin);

        await first.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        var earlier = Assert.Single(lost);
        await retry.ExpectAsync(HttpStatusCode.Created);
        var answered = (await retry.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        Assert.Equal([answered["tokenId"]!.GetValue<string>()], after);
        Assert.NotEqual(earlier, after[0]);
        await (await host.As(answered["token"]!.GetValue<string>()).GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(await EventsAsync(admin, "user.registered", "ada"));
        var revoked = Assert.Single(await EventsAsync(admin, "token.revoked", "ada"));
        Assert.Equal((earlier, "retried"), (revoked["data"]!["tokenId"]!.GetValue<string>(), revoked["data"]!["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CreateUser_RegisteredEventAppliedButItsAnswerLost_AnswersCreatedWithOneEvent()
    {
        var host = await StartAsync();
        var admin = host.Admin();
        var key = Guid.NewGuid().ToString();
        Faults.LoseNextAnswer(EventWrites.Of("user.registered"));

        var created = await PostUserAsync(admin, "ada", key);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            // What a client does with an answer it cannot use: the same request, the same key.
            created = await PostUserAsync(admin, "ada", key);
        }

        await created.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, Faults.LostAnswers);
        Assert.Single(await EventsAsync(admin, "user.registered", "ada"));
    }

    [Fact]
    public async Task CreateUser_StoredThenItsEventRefusedWithoutKey_TheNextListingRecordsItOnce()
    {
        var (host, create) = await LeaveRegistrationPendingAsync();
        var admin = host.Admin();

        var before = await EventsAsync(admin, "user.registered", "ada");
        var listed = await admin.GetFromJsonAsync<JsonArray>("/api/users");
        await admin.GetFromJsonAsync<JsonArray>("/api/users");

        await create.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Empty(before);
        Assert.Contains(listed!, u => u!["id"]!.GetValue<string>() == "ada");
        var registered = Assert.Single(await EventsAsync(admin, "user.registered", "ada"));
        Assert.Equal(("viewer", "admin"), (registered["data"]!["role"]!.GetValue<string>(), registered["actor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task HostStart_RegistrationLeftPendingWithoutKey_RecordsItOnceWithoutAListing()
    {
        var (first, create) = await LeaveRegistrationPendingAsync();
        var before = await EventsAsync(first.Admin(), "user.registered", "ada");

        var host = await RestartAsync(first);
        await StartPassAsync(host);

        await create.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Empty(before);
        var registered = Assert.Single(await EventsAsync(host.Admin(), "user.registered", "ada"));
        Assert.Equal(("viewer", "admin"), (registered["data"]!["role"]!.GetValue<string>(), registered["actor"]!.GetValue<string>()));
        var row = await host.Services.GetRequiredService<UserStore>().GetRowAsync("ada");
        Assert.Null(PendingAccessChange.Parse(row!.PendingAccessChange));
    }

    [Fact]
    public async Task HostStart_StorageRefusesTheUsersRead_StartsAndTheNextListingRecordsItOnce()
    {
        var (first, create) = await LeaveRegistrationPendingAsync();
        Faults.Refuse(UsersQuery);

        var host = await RestartAsync(first);
        await StartPassAsync(host);
        var me = await host.Admin().GetAsync("/api/me");
        var before = await EventsAsync(host.Admin(), "user.registered", "ada");
        Faults.Heal();
        await host.Admin().GetFromJsonAsync<JsonArray>("/api/users");

        await create.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        await me.ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(before);
        Assert.Single(await EventsAsync(host.Admin(), "user.registered", "ada"));
    }

    [Fact]
    public async Task Bootstrap_AdminRegisteredEventAppliedButItsAnswerLost_HostStartsWithOneEventEach()
    {
        // Armed before the host starts: the first user.registered is the bootstrap admin's.
        Faults.LoseNextAnswer(EventWrites.Of("user.registered"));

        var host = await StartAsync();
        var admin = host.Admin();

        Assert.Equal(1, Faults.LostAnswers);
        await (await admin.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
        var registered = Assert.Single(await EventsAsync(admin, "user.registered", "admin"));
        Assert.Equal(("admin", "system"), (registered["data"]!["role"]!.GetValue<string>(), registered["actor"]!.GetValue<string>()));
        Assert.Single(await EventsAsync(admin, "token.created", "admin"));
    }

    // Starts a host and creates "ada" without a key while her user.registered cannot be written: a 503 that leaves her
    // registration pending on her row, with no retry coming.
    private async Task<(TestHost Host, HttpResponseMessage Create)> LeaveRegistrationPendingAsync()
    {
        var host = await StartAsync();
        Faults.Refuse(StorageFaults.WriteTo(TableNames.Events));
        var create = await host.Admin().PostAsJsonAsync("/api/users", new { name = "ada", role = "viewer" });
        Faults.Heal();
        return (host, create);
    }

    // A query of the users table (a read of many rows), not a read of one row: GET .../{prefix}Users()?$filter=...
    private static bool UsersQuery(HttpMessage message) =>
        message.Request.Method == RequestMethod.Get &&
        message.Request.Uri.Path.EndsWith(TableNames.Users + "()", StringComparison.Ordinal);

    // The host's pass over pending access changes runs in the background after start: waits until it is done.
    private static async Task StartPassAsync(TestHost host)
    {
        if (host.Services.GetServices<IHostedService>().OfType<PendingAccessChangesAtStart>().SingleOrDefault() is { ExecuteTask: { } pass })
        {
            await pass;
        }
    }

    private static Task<HttpResponseMessage> PostUserAsync(HttpClient admin, string name, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { name, role = "member" }) };
        request.Headers.Add("Idempotency-Key", key);
        return admin.SendAsync(request);
    }

    private static async Task<List<string>> TokenIdsAsync(HttpClient admin) =>
        [.. (await admin.GetJsonAsync("/api/users/ada/tokens"))["items"]!.AsArray().Select(t => t!["id"]!.GetValue<string>())];

    private static async Task<List<JsonNode>> EventsAsync(HttpClient admin, string type, string user) =>
        [.. (await admin.GetJsonAsync($"/api/events?type={type}&subject=user/{user}"))["items"]!.AsArray().Select(e => e!)];
}
