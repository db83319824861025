using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using DurableObjects.Functions.Http;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Functions.IntegrationTests.Http;

/// <summary>Safety tests for Idempotency-Key: a retried create or change changes nothing and answers what the first did.</summary>
public sealed class IdempotencyTests : IAsyncLifetime
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
    public async Task AddVersion_SameKeyTwice_ReplaysTheFirstAnswerAndCreatesOneVersion()
    {
        await _admin.CreateObjectAsync("Calculator");
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync("/api/objects/Calculator/versions", new { files = Api.Files(Changed(1)), summary = "one" }, key);
        var second = await PostAsync("/api/objects/Calculator/versions", new { files = Api.Files(Changed(1)), summary = "one" }, key);
        var versions = await _admin.GetJsonAsync("/api/objects/Calculator/versions");

        await first.ExpectAsync(HttpStatusCode.Created);
        await second.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal("true", second.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal(2, versions["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task AddVersion_SameKeyDifferentBody_Answers422AndCreatesNothing()
    {
        await _admin.CreateObjectAsync("Calculator");
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync("/api/objects/Calculator/versions", new { files = Api.Files(Changed(1)) }, key);
        var other = await PostAsync("/api/objects/Calculator/versions", new { files = Api.Files(Changed(2)) }, key);
        var versions = await _admin.GetJsonAsync("/api/objects/Calculator/versions");

        await first.ExpectAsync(HttpStatusCode.Created);
        await other.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, versions["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task CreateObject_ConcurrentDuplicates_OneRunsTheOthersGet409OrItsAnswer()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Calculator", description = "A calculator", files = Api.Files() };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync("/api/objects", body, key)));

        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Single(created, a => !a.Headers.Contains("Idempotency-Replayed"));
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.Conflict),
            a => Assert.Equal("Request in progress", a.Content.ReadFromJsonAsync<JsonObject>().Result!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CreateToken_SameKey_ReplaysTheSameTokenWithoutStoringItReadably()
    {
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync("/api/tokens", new { }, key);
        var second = await PostAsync("/api/tokens", new { }, key);
        var token = (await first.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var records = new TableClient(_host.ConnectionString, _host.Prefix + "IdempotencyKeys").QueryAsync<TableEntity>();
        var stored = new List<string>();
        await foreach (var record in records)
        {
            stored.Add(string.Join("|", record.Select(p => p.Value is byte[] bytes ? System.Text.Encoding.Latin1.GetString(bytes) : p.Value?.ToString())));
        }

        await first.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Single(stored);
        Assert.DoesNotContain(token, stored[0], StringComparison.Ordinal);
        Assert.DoesNotContain(key, stored[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_SameAttemptInsertsAgainAfterALostAnswer_AcquiresItsOwnReservationAndADuplicateDoesNot()
    {
        // What the storage client does when an insert's answer is lost (storage froze mid-call): it sends the same
        // insert again and meets the row the first try wrote. The attempt must recognise the row as its own.
        var store = _host.Services.GetRequiredService<IdempotencyStore>();
        var key = Guid.NewGuid().ToString();

        var first = await store.ClaimAsync("admin", key, "hash", "attempt-1", CancellationToken.None);
        var again = await store.ClaimAsync("admin", key, "hash", "attempt-1", CancellationToken.None);
        var duplicate = await store.ClaimAsync("admin", key, "hash", "attempt-2", CancellationToken.None);

        Assert.Equal(IdempotencyClaimKind.Acquired, first.Kind);
        Assert.Equal(IdempotencyClaimKind.Acquired, again.Kind);
        Assert.Equal(IdempotencyClaimKind.InProgress, duplicate.Kind);
        again.Record.State = IdempotencyRecord.Done;
        again.Record.StatusCode = 201;
        Assert.True(await store.CompleteAsync(again.Record, CancellationToken.None));
        Assert.Equal(IdempotencyClaimKind.Replay, (await store.ClaimAsync("admin", key, "hash", "attempt-3", CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task PatchUser_SameKeyAfterAnotherChange_ReplaysTheFirstAnswerAndChangesNothing()
    {
        await _admin.CreateUserAsync("ada", "member");
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(HttpMethod.Patch, "/api/users/ada", new { role = "viewer" }, key);
        // Another admin action in between: a retry that ran again would undo it and audit itself a second time.
        await (await _admin.PatchAsJsonAsync("/api/users/ada", new { role = "admin" })).ExpectAsync(HttpStatusCode.OK);
        var retry = await SendAsync(HttpMethod.Patch, "/api/users/ada", new { role = "viewer" }, key);
        var users = await _admin.GetFromJsonAsync<JsonArray>("/api/users");
        var events = await _admin.GetJsonAsync("/api/events?type=user.role_changed&subject=user/ada");

        await first.ExpectAsync(HttpStatusCode.OK);
        await retry.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal("admin", users!.Single(u => u!["id"]!.GetValue<string>() == "ada")!["role"]!.GetValue<string>());
        Assert.Equal(["admin", "viewer"], events["items"]!.AsArray().Select(e => e!["data"]!["to"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PatchUser_SameKeyDifferentBody_Answers422AndChangesNothing()
    {
        await _admin.CreateUserAsync("ada", "member");
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(HttpMethod.Patch, "/api/users/ada", new { disabled = true }, key);
        var other = await SendAsync(HttpMethod.Patch, "/api/users/ada", new { disabled = false }, key);
        var users = await _admin.GetFromJsonAsync<JsonArray>("/api/users");

        await first.ExpectAsync(HttpStatusCode.OK);
        await other.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(users!.Single(u => u!["id"]!.GetValue<string>() == "ada")!["disabled"]!.GetValue<bool>());
        Assert.Empty((await _admin.GetJsonAsync("/api/events?type=user.enabled&subject=user/ada"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Post_MalformedKey_Answers400()
    {
        var response = await PostAsync("/api/tokens", new { }, "has spaces in it");

        await response.ExpectAsync(HttpStatusCode.BadRequest);
    }

    private Task<HttpResponseMessage> PostAsync(string path, object body, string key) => SendAsync(HttpMethod.Post, path, body, key);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string key)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return _admin.SendAsync(request);
    }

    private static string Changed(int n) => Api.CalculatorV1.Replace("a + b", $"a + b + {n} - {n}", StringComparison.Ordinal);
}
