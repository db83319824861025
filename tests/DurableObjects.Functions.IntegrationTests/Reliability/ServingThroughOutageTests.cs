using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Storage.Entities;
using DurableObjects.Shared.Users;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// A host keeps answering invocations from what it last read (the caller's token, the object's deployments) while its
/// storage does not answer — for a bounded time only — and takes a revoked token or a changed object into account once
/// storage answers again. Each test runs the real host against its own Azurite and freezes it (SIGSTOP). The cache
/// bounds are lowered to a second so that a few seconds of outage outlast them.
/// </summary>
public sealed class ServingThroughOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan CacheBound = TimeSpan.FromSeconds(1);

    /// <summary>Longer than both cache bounds plus a storage call that finds storage frozen (about 4.5 s), so the host
    /// has both tried and failed to refresh what it knows, and tried again.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    /// <summary>As in <see cref="StorageOutageTests"/>: the storage call that finds storage frozen, plus slack for a
    /// loaded two-core machine.</summary>
    private static readonly TimeSpan FastAnswer = TimeSpan.FromSeconds(12);

    private AzuriteInstance _storage = null!;
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _storage = await AzuriteInstance.StartAsync();

    public async Task DisposeAsync()
    {
        _storage.Thaw();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Invocation_WhileStorageIsFrozenPastEveryCacheBound_KeepsAnsweringFromWhatTheHostLastRead()
    {
        await StartHostAsync(outageBound: TimeSpan.FromMinutes(5));
        var member = await DeployAndInvokeOnceAsync();
        _storage.Freeze();

        var answers = await InvokeForAsync(member, Outage);

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{(int)a.Status} at {a.Started.TotalSeconds:F1} s of the outage"));
        Assert.All(answers, a => Assert.True(a.Took < FastAnswer, $"an answer took {a.Took}"));
        Assert.True(answers.Any(a => a.Started > CacheBound + TimeSpan.FromSeconds(5)), "no invocation after the first failed refresh");
    }

    [Fact]
    public async Task Invocation_WhenStorageFreezesRightAfterAVersionWrite_KeepsAnswering()
    {
        await StartHostAsync(outageBound: TimeSpan.FromMinutes(5));
        var member = await DeployAndInvokeOnceAsync();
        // A new version (not deployed) changes the object's row on this host just before the outage: the row it wrote
        // is what it serves from, not nothing.
        await _admin.AddVersionAsync("Calculator", Api.CalculatorV1.Replace("a + b", "a + b + 1 - 1", StringComparison.Ordinal));
        _storage.Freeze();

        var answers = await InvokeForAsync(member, Outage);

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{(int)a.Status} at {a.Started.TotalSeconds:F1} s of the outage"));
    }

    [Fact]
    public async Task Invocation_WhileStorageIsFrozenPastTheOutageBound_Answers503()
    {
        var outageBound = TimeSpan.FromSeconds(4);
        await StartHostAsync(outageBound);
        var member = await DeployAndInvokeOnceAsync();
        _storage.Freeze();

        var answers = await InvokeForAsync(member, Outage + TimeSpan.FromSeconds(2));

        // What was read before the freeze is at least as old as the time since the freeze: past the outage bound plus
        // one storage call that finds storage frozen, nothing of it is served any more.
        var late = answers.Where(a => a.Started > outageBound + TimeSpan.FromSeconds(5)).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status));
    }

    [Fact]
    public async Task Token_RevokedRightAfterAnOutage_IsRefusedWithinTheTokenCacheBound()
    {
        await StartHostAsync(outageBound: TimeSpan.FromMinutes(5));
        var token = await _admin.CreateUserAsync("ada", "member");
        var member = WithTimeout(_host.As(token));
        await DeployAsync();
        await (await InvokeAsync(member)).ExpectAsync(HttpStatusCode.OK);
        _storage.Freeze();
        await InvokeForAsync(member, Outage);
        _storage.Thaw();

        // Revoked as another host (or an operator) would: the row goes, this host is not told.
        var tokens = await _host.Services.GetRequiredService<StorageClients>().TableAsync(TableNames.Tokens);
        await tokens.DeleteEntityAsync(TokenEntity.Partition, ApiTokens.Hash(token));
        var revoked = Stopwatch.StartNew();
        var refused = await PollUntilAsync(member, HttpStatusCode.Unauthorized);

        Assert.True(refused, "the revoked token was still accepted");
        Assert.True(revoked.Elapsed < CacheBound + TimeSpan.FromSeconds(5), $"the revoked token was refused only after {revoked.Elapsed}");
    }

    [Fact]
    public async Task PublicInvoke_WithdrawnRightAfterAnOutage_IsRefusedWithinTheDeploymentCacheBound()
    {
        await StartHostAsync(outageBound: TimeSpan.FromMinutes(5));
        await DeployAsync();
        await (await _admin.PatchAsJsonAsync("/api/objects/Calculator", new { publicInvoke = true })).ExpectAsync(HttpStatusCode.OK);
        var anonymous = WithTimeout(_host.Anonymous());
        await (await InvokeAsync(anonymous)).ExpectAsync(HttpStatusCode.OK);
        _storage.Freeze();
        var during = await InvokeForAsync(anonymous, Outage);
        _storage.Thaw();

        // Withdrawn as another host would: the row is replaced, this host's cache is not told.
        var objects = _host.Services.GetRequiredService<ObjectStore>();
        var (info, etag) = (await objects.GetAsync("calculator"))!.Value;
        await objects.UpdateAsync(info with { PublicInvoke = false }, etag);
        var withdrawn = Stopwatch.StartNew();
        var refused = await PollUntilAsync(anonymous, HttpStatusCode.Unauthorized);

        Assert.All(during, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.True(refused, "anonymous invocations were still answered");
        Assert.True(withdrawn.Elapsed < CacheBound + TimeSpan.FromSeconds(5), $"anonymous invocations were refused only after {withdrawn.Elapsed}");
    }

    private async Task StartHostAsync(TimeSpan outageBound)
    {
        var bound = CacheBound.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        var outage = outageBound.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = _storage.ConnectionString,
            ["Storage:NetworkTimeout"] = "00:00:02", // the host's default, which the test host raises
            ["DurableObjects:Serving:DeploymentCacheBound"] = bound,
            ["DurableObjects:Serving:DeploymentOutageBound"] = outage,
            ["DurableObjects:Auth:TokenCacheBound"] = bound,
            ["DurableObjects:Auth:TokenOutageBound"] = outage,
        });
        _admin = WithTimeout(_host.Admin());
    }

    // Longer than any answer the host gives, so a slow answer is measured rather than cut short.
    private static HttpClient WithTimeout(HttpClient client)
    {
        client.Timeout = TimeSpan.FromSeconds(60);
        return client;
    }

    private async Task DeployAsync()
    {
        await _admin.CreateObjectAsync("Calculator");
        await (await _admin.PostAsJsonAsync("/api/objects/Calculator/deploy", new { })).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Deploys the calculator and invokes it once as a member: this host then knows the token and the deployment.</summary>
    private async Task<HttpClient> DeployAndInvokeOnceAsync()
    {
        var member = WithTimeout(_host.As(await _admin.CreateUserAsync("ada", "member")));
        await DeployAsync();
        await (await InvokeAsync(member)).ExpectAsync(HttpStatusCode.OK);
        return member;
    }

    private static Task<HttpResponseMessage> InvokeAsync(HttpClient client) =>
        client.PostAsJsonAsync("/api/objects/Calculator/invoke/Add", new { a = 40, b = 2 });

    /// <summary>Invokes one after the other for <paramref name="duration"/>, as one client of the load benchmark does.</summary>
    private static async Task<List<(HttpStatusCode Status, TimeSpan Started, TimeSpan Took)>> InvokeForAsync(HttpClient client, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var answers = new List<(HttpStatusCode, TimeSpan, TimeSpan)>();
        while (clock.Elapsed < duration)
        {
            var started = clock.Elapsed;
            var response = await InvokeAsync(client);
            answers.Add((response.StatusCode, started, clock.Elapsed - started));
            await Task.Delay(50);
        }
        return answers;
    }

    private static async Task<bool> PollUntilAsync(HttpClient client, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if ((await InvokeAsync(client)).StatusCode == expected)
            {
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }
}
