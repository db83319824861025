using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Shared.Domain;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Functions.IntegrationTests.Concurrency;

/// <summary>Two hosts on one storage account share objects through storage alone, and each serves them with its own runners.</summary>
public sealed class TwoHostTests : IAsyncLifetime
{
    private const string Greeter = """
        namespace Samples;

        /// <summary>Greets.</summary>
        public class Greeter
        {
            public string Hello(string name) => "one " + name;
        }
        """;

    // The bound the README states (DurableObjects:Serving:DeploymentCacheBound), plus room for the second host to start
    // its first runner process on a loaded machine (seen to take over 3 s in CI right after the build). The bound itself,
    // with the runner already warm, is held to 2 s by TwoHosts/TwoHostsServingTests in the orchestration tests.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(6);

    private TestHost _first = null!;
    private TestHost _second = null!;

    public async Task InitializeAsync()
    {
        _first = await TestHost.StartAsync();
        _second = await TestHost.StartAsync(prefix: _first.Prefix);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task AddVersion_ThroughOneHost_IsSeenByTheOtherAtOnce()
    {
        await _first.Admin().CreateObjectAsync("Greeter", Api.Files(Greeter));
        await _second.Admin().GetJsonAsync("/api/objects/Greeter");

        await _first.Admin().AddVersionAsync("Greeter", Greeter.Replace("one ", "two ", StringComparison.Ordinal));

        var seen = await _second.Admin().GetJsonAsync("/api/objects/Greeter");
        Assert.Equal(2, seen["currentVersion"]!.GetValue<int>());
        Assert.Equal([1, 2], await _second.Admin().VersionNumbersAsync("Greeter"));
    }

    [Fact]
    public async Task Deploy_ThroughOneHost_IsServedByTheOtherWithinTheBound()
    {
        await _first.Admin().CreateObjectAsync("Greeter", Api.Files(Greeter));
        // The second host has read the object (not deployed) and caches that.
        await (await InvokeAsync(_second)).ExpectProblemAsync(HttpStatusCode.NotFound);

        await DeployAsync(_first, new { });
        var deployedAt = Stopwatch.GetTimestamp();
        var answer = await PollUntilAsync(_second, "\"one ada\"");

        Assert.True(Stopwatch.GetElapsedTime(deployedAt) < Bound + Slack, $"served after {Stopwatch.GetElapsedTime(deployedAt)}");
        Assert.Equal("\"one ada\"", answer);
        Assert.Equal("\"one ada\"", await (await InvokeAsync(_first)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RedeployAndRollback_ThroughOneHost_SwitchTheOtherWithinTheBound()
    {
        await _first.Admin().CreateObjectAsync("Greeter", Api.Files(Greeter));
        await DeployAsync(_first, new { });
        await PollUntilAsync(_second, "\"one ada\"");
        await _first.Admin().AddVersionAsync("Greeter", Greeter.Replace("one ", "two ", StringComparison.Ordinal));

        await DeployAsync(_second, new { });
        var onFirst = await PollUntilAsync(_first, "\"two ada\"");
        (await _first.Admin().PostAsJsonAsync("/api/objects/Greeter/rollback", new { version = 1 })).EnsureSuccessStatusCode();
        var rolledBack = Stopwatch.GetTimestamp();
        var onSecond = await PollUntilAsync(_second, "\"one ada\"");

        Assert.Equal("\"two ada\"", onFirst);
        Assert.Equal("\"one ada\"", onSecond);
        Assert.True(Stopwatch.GetElapsedTime(rolledBack) < Bound + Slack, $"served after {Stopwatch.GetElapsedTime(rolledBack)}");
        Assert.Equal("\"one ada\"", await (await InvokeAsync(_first)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AddVersion_ThroughAHostThatReadTheObjectBeforeTheOtherAddedVersions_TakesTheNextNumber()
    {
        await _first.Admin().CreateObjectAsync("Greeter", Api.Files(Greeter));
        var before = await _first.Admin().GetJsonAsync("/api/objects/Greeter");
        await _second.Admin().AddVersionAsync("Greeter", Greeter + "// two\n");
        await _second.Admin().AddVersionAsync("Greeter", Greeter + "// three\n");

        var added = await _first.Admin().AddVersionAsync("Greeter", Greeter + "// four\n");

        Assert.Equal(1, before["latestVersion"]!.GetValue<int>());
        Assert.Equal(4, added["number"]!.GetValue<int>());
        Assert.Equal([1, 2, 3, 4], await _first.Admin().VersionNumbersAsync("Greeter"));
    }

    [Fact]
    public async Task StoreVersion_WithARowReadBeforeAnotherHostAddedVersions_TakesTheNextNumberFromStorageAndLeavesNoGap()
    {
        await _first.Admin().CreateObjectAsync("Greeter", Api.Files(Greeter));
        var rows = _first.Services.GetRequiredService<ObjectRows>();
        var writer = _first.Services.GetRequiredService<VersionWriter>();
        var stale = (await rows.ReadAsync("greeter"))!;
        await _second.Admin().AddVersionAsync("Greeter", Greeter + "// two\n");
        await _second.Admin().AddVersionAsync("Greeter", Greeter + "// three\n");
        var files = Api.Files(Greeter + "// four\n");
        var compiled = (await writer.CompileAsync("Greeter", files)).Value!;

        // What the first host remembers says the next number is 2; storage says 4.
        var stored = await writer.StoreAsync("greeter", stale.Info, compiled, new NewVersion(files, "four"), Actor.System);

        Assert.Equal(4, stored.Value!.Version.Number);
        Assert.Equal(3, stored.Value.Version.ParentVersion);
        Assert.False(stored.Value.AdoptedElsewhere);
        Assert.Equal([1, 2, 3, 4], await _second.Admin().VersionNumbersAsync("Greeter"));
        Assert.Equal(4, (await _second.Admin().GetJsonAsync("/api/objects/Greeter"))["currentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invoke_BothHosts_EachServesWithItsOwnRunner()
    {
        await _first.Admin().CreateObjectAsync("Greeter", Api.Files(Greeter));
        await DeployAsync(_first, new { });
        await PollUntilAsync(_second, "\"one ada\"");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => InvokeAsync(i % 2 == 0 ? _first : _second)));

        foreach (var answer in answers)
        {
            await answer.ExpectAsync(HttpStatusCode.OK);
        }
        var firstPool = _first.Services.GetRequiredService<DurableObjects.Sandbox.Runners.RunnerPool>();
        var secondPool = _second.Services.GetRequiredService<DurableObjects.Sandbox.Runners.RunnerPool>();
        Assert.True(firstPool.TryGet(firstPool.Keys.Single(), out var firstRunner));
        Assert.True(secondPool.TryGet(secondPool.Keys.Single(), out var secondRunner));
        Assert.NotEqual(firstRunner!.ProcessId, secondRunner!.ProcessId);
    }

    private static async Task DeployAsync(TestHost host, object request) =>
        await (await host.Admin().PostAsJsonAsync("/api/objects/Greeter/deploy", request)).ExpectAsync(HttpStatusCode.OK);

    private static Task<HttpResponseMessage> InvokeAsync(TestHost host) =>
        host.Admin().PostAsJsonAsync("/api/objects/Greeter/invoke/Hello", new { name = "ada" });

    // Invokes until the answer is the expected one, for at most the bound plus slack; returns the last answer.
    private static async Task<string> PollUntilAsync(TestHost host, string expected)
    {
        var started = Stopwatch.GetTimestamp();
        string last;
        do
        {
            last = await (await InvokeAsync(host)).Content.ReadAsStringAsync();
            if (last == expected)
            {
                break;
            }
            await Task.Delay(50);
        }
        while (Stopwatch.GetElapsedTime(started) < Bound + Slack);
        return last;
    }
}
