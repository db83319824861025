using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using DurableObjects.Functions.Http;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// Safety test for Idempotency-Key across a client timeout: the client gives up while storage is frozen, the host
/// finishes the request once storage answers again, and the client's retry with the same key gets that answer instead
/// of creating a second version. Storage tries are given 20 s here, so the first attempt outlives a short freeze even
/// on a loaded machine (with the default 2 s it would answer 503, and the retry would run again as the same operation,
/// adopting the version if storage had applied it: see LostAnswerTests).
/// The host listens on a real socket: giving up closes the client's connection, as a real client's timeout does. (On
/// the in-memory test server a cancelled client call does not return until the server has answered, so a test that
/// waits for the client to give up before thawing storage only sees the first attempt fail with 503 — and the retry
/// then runs the request again, as the same operation.)
/// </summary>
public sealed class LateAnswerTests : IAsyncLifetime
{
    private AzuriteInstance _storage = null!;
    private TestHost _host = null!;
    private HttpClient _admin = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _storage = await AzuriteInstance.StartAsync();
        _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _storage.ConnectionString,
            ["Storage:NetworkTimeout"] = "00:00:20",
        }, listen: true);
        _admin = _host.Admin();
        _admin.Timeout = TimeSpan.FromSeconds(60);
    }

    public async Task DisposeAsync()
    {
        _storage.Thaw();
        await _host.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task AddVersion_ClientGaveUpWhileStorageFrozen_RetryWithSameKeyGetsTheFirstAnswerAndOneVersion()
    {
        await _admin.CreateObjectAsync("Calculator");
        var key = Guid.NewGuid().ToString();
        // A token authenticated just now is in the host's 30 s token cache, so the request below gets past
        // authentication while storage is frozen (on a loaded machine the admin's may have expired by now).
        var created = await _admin.PostAsJsonAsync("/api/tokens", new { name = "late" });
        _client = _host.As((await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());
        _client.Timeout = TimeSpan.FromSeconds(60);
        await _client.GetJsonAsync("/api/me");
        _storage.Freeze();

        // The client gives up after 4 s (the host has long started the request and waits on storage); storage comes
        // back a second later, within the host's storage try. Storage is thawed whatever the first call does, so a
        // client that would not give up cannot stretch the freeze past the host's storage bound.
        using var giveUp = new CancellationTokenSource();
        var first = SendVersionAsync(key, giveUp.Token);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await giveUp.CancelAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(first.IsCompletedSuccessfully, "The first attempt must still be waiting on storage when its client gives up.");
        _storage.Thaw();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        // A client retries some time after giving up; here, once the first attempt has reserved the key. Sent at the
        // very moment storage comes back, the retry could reserve the key first (both wait on the same storage call),
        // and would then rightly run the request itself: still once, but not the late answer this test is about.
        await WaitForReservationAsync(key);
        var retry = await RetryUntilCreatedAsync(() => SendVersionAsync(key, CancellationToken.None));
        var again = await SendVersionAsync(key, CancellationToken.None);
        var versions = await _client.GetJsonAsync("/api/objects/Calculator/versions");

        await retry.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("true", retry.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(2, versions["items"]!.AsArray().Count);
        Assert.Equal(2, (await retry.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<int>());
    }

    private Task<HttpResponseMessage> SendVersionAsync(string key, CancellationToken cancellationToken)
    {
        var changed = Api.CalculatorV1.Replace("a + b", "a + b + 2 - 2", StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/objects/Calculator/versions")
        {
            Content = JsonContent.Create(new { files = Api.Files(changed), summary = "late" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return _client.SendAsync(request, cancellationToken);
    }

    private async Task WaitForReservationAsync(string key)
    {
        var table = new TableClient(_storage.ConnectionString, _host.Prefix + "IdempotencyKeys");
        var rowKey = IdempotencyCipher.RowKey(key);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                await foreach (var _ in table.QueryAsync<TableEntity>(e => e.RowKey == rowKey))
                {
                    return;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // The host creates the table with the first reservation: not reserved yet.
            }
            await Task.Delay(100);
        }
        Assert.Fail("The first attempt never reserved its Idempotency-Key after storage came back.");
    }

    /// <summary>Retries while the first attempt is still running (409 with Retry-After).</summary>
    private static async Task<HttpResponseMessage> RetryUntilCreatedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.Conflict || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                return response;
            }
            await Task.Delay(250);
        }
    }
}
