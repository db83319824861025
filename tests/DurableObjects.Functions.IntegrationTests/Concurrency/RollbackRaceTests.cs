using System.Net;
using System.Net.Http.Json;
using Azure.Core.Pipeline;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Functions.IntegrationTests.Concurrency;

/// <summary>
/// A rollback and a new version racing for one object on two hosts that share storage but no write gate. The first
/// host's write of the object row is held (<see cref="StorageHold"/>) after it read the row, so the second host's write
/// lands in that window every time; the first write to reach the row wins, and the other is told, never silently undone.
/// </summary>
public sealed class RollbackRaceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly StorageHold _hold = new();
    private TestHost _first = null!;
    private TestHost _second = null!;

    public async Task InitializeAsync()
    {
        _first = await TestHost.StartAsync(services: s => s.AddSingleton<HttpPipelinePolicy>(_hold));
        _second = await TestHost.StartAsync(prefix: _first.Prefix);
        await _second.Admin().CreateObjectAsync("Calculator");
        await _second.Admin().AddVersionAsync("Calculator", Api.CalculatorV1 + "// two\n");
    }

    public async Task DisposeAsync()
    {
        _hold.Release();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task AddVersion_RollbackCommittedElsewhereBeforeItsRowWrite_RollbackStandsAndTheVersionIsKeptNotCurrent()
    {
        _hold.HoldNext(StorageFaults.WriteTo(TableNames.Objects));
        var adding = _first.Admin().PostAsJsonAsync("/api/objects/Calculator/versions",
            new { files = Api.Files(Api.CalculatorV1 + "// three\n"), summary = "three", baseVersion = 2 });
        await _hold.ReachedAsync(Patience);

        await (await _second.Admin().PostAsJsonAsync("/api/objects/Calculator/rollback", new { version = 1 })).ExpectAsync(HttpStatusCode.OK);
        _hold.Release();
        var problem = await (await adding).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("Version 1 became the current version while this change was made from version 2; it is kept as version 3 but is not current. Start again from version 1.",
            problem["detail"]!.GetValue<string>());
        var found = await _second.Admin().GetJsonAsync("/api/objects/Calculator");
        Assert.Equal(1, found["currentVersion"]!.GetValue<int>());
        Assert.Equal(3, found["latestVersion"]!.GetValue<int>());
        Assert.Equal([1, 2, 3], await _second.Admin().VersionNumbersAsync("Calculator"));
        Assert.Single(await _second.Admin().EventsAsync("object.rolled_back", "Calculator"));
        Assert.Equal(["3", "2"], (await _second.Admin().EventsAsync("version.added", "Calculator")).Select(e => e["data"]!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Rollback_VersionCommittedElsewhereBeforeItsRowWrite_RefusedAndTheNewVersionStaysCurrent()
    {
        _hold.HoldNext(StorageFaults.WriteTo(TableNames.Objects));
        var rollingBack = _first.Admin().PostAsJsonAsync("/api/objects/Calculator/rollback", new { version = 1 });
        await _hold.ReachedAsync(Patience);

        var added = await _second.Admin().AddVersionAsync("Calculator", Api.CalculatorV1 + "// three\n");
        _hold.Release();
        var problem = await (await rollingBack).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(3, added["number"]!.GetValue<int>());
        Assert.Equal("Version 3 became the current version while this rollback from version 2 was made; nothing was rolled back. Roll back again if version 1 should still be current.",
            problem["detail"]!.GetValue<string>());
        var found = await _second.Admin().GetJsonAsync("/api/objects/Calculator");
        Assert.Equal(3, found["currentVersion"]!.GetValue<int>());
        Assert.Equal(3, found["latestVersion"]!.GetValue<int>());
        Assert.Empty(await _second.Admin().EventsAsync("object.rolled_back", "Calculator"));
    }
}
