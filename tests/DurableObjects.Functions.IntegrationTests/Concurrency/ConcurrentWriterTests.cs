using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Users;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Functions.IntegrationTests.Concurrency;

/// <summary>One writer per object by storage concurrency alone: concurrent writers through the real HTTP API.</summary>
public sealed class ConcurrentWriterTests
{
    [Fact]
    public async Task AddVersion_TwentyConcurrentSubmissions_BecomeConsecutiveVersions()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Admin();
        await admin.CreateObjectAsync("Calculator");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files(Api.CalculatorV1 + $"// submission {i}\n"), summary = $"s{i}" })));

        foreach (var response in responses)
        {
            await response.ExpectAsync(HttpStatusCode.Created);
        }
        var numbers = new List<int>();
        foreach (var response in responses)
        {
            numbers.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<int>());
        }
        Assert.Equal(Enumerable.Range(2, 20), numbers.Order());
        Assert.Equal(Enumerable.Range(1, 21), await admin.VersionNumbersAsync("Calculator"));
        var found = await admin.GetJsonAsync("/api/objects/Calculator");
        Assert.Equal(21, found["latestVersion"]!.GetValue<int>());
        Assert.Equal(21, found["currentVersion"]!.GetValue<int>());
        var added = await admin.EventsAsync("version.added", "Calculator");
        Assert.Equal(Enumerable.Range(2, 20).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
            added.Select(e => e["data"]!["version"]!.GetValue<string>()).Order());
        Assert.DoesNotContain(added, e => e["data"]!["recovered"] is not null);
    }

    [Fact]
    public async Task Writers_HundredConcurrentPatchesAndVersions_LoseNothing()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Admin();
        await admin.CreateObjectAsync("Calculator");
        var isVersion = (int i) => i % 3 == 0;

        // One content for every version: what is raced here is storage, not the compiler.
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => isVersion(i)
            ? admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files(Api.CalculatorV1 + "// same\n"), summary = $"w{i}" })
            : admin.PatchAsJsonAsync("/api/objects/Calculator", new { description = $"d{i}" })));

        for (var i = 0; i < responses.Length; i++)
        {
            await responses[i].ExpectAsync(isVersion(i) ? HttpStatusCode.Created : HttpStatusCode.OK);
        }
        var versionCount = Enumerable.Range(0, 100).Count(isVersion);
        var patchCount = 100 - versionCount;
        Assert.Equal(Enumerable.Range(1, versionCount + 1), await admin.VersionNumbersAsync("Calculator"));
        var summaries = (await admin.AllAsync("/api/objects/Calculator/versions")).Select(v => v["summary"]!.GetValue<string>()).ToHashSet();
        Assert.All(Enumerable.Range(0, 100).Where(isVersion), i => Assert.Contains($"w{i}", summaries));
        var found = await admin.GetJsonAsync("/api/objects/Calculator");
        Assert.Equal(versionCount + 1, found["latestVersion"]!.GetValue<int>());
        Assert.Equal(versionCount + 1, found["currentVersion"]!.GetValue<int>());
        Assert.Matches("^d[0-9]+$", found["description"]!.GetValue<string>());
        Assert.Equal(patchCount, (await admin.EventsAsync("object.updated", "Calculator")).Count);
        Assert.Equal(versionCount, (await admin.EventsAsync("version.added", "Calculator")).Count);
    }

    [Fact]
    public async Task AddVersion_ItsOwnEarlierAttemptMovedTheObjectPastItsBase_AdoptsThatVersionInsteadOfRefusingIt()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Admin();
        await admin.CreateObjectAsync("Calculator");
        var objects = host.Services.GetRequiredService<ObjectService>();
        // As a run's commit delivered twice: one write id, made from version 1.
        var mine = new NewVersion(Api.Files(Api.CalculatorV1 + "// mine\n"), "mine", BaseVersion: 1, WriteId: Guid.NewGuid().ToString("N"));

        var first = await objects.AddVersionAsync("Calculator", mine, Actor.System);
        var again = await objects.AddVersionAsync("Calculator", mine, Actor.System);
        var another = await objects.AddVersionAsync("Calculator", mine with { WriteId = Guid.NewGuid().ToString("N") }, Actor.System);

        Assert.Equal(2, first.Value!.Number);
        Assert.Equal(2, again.Value!.Number);
        Assert.Equal(ErrorKind.Conflict, another.Error!.Kind);
        Assert.Equal("Version 2 was added while this change was made from version 1; nothing was committed. Start again from version 2.", another.Error.Message);
        Assert.Equal([1, 2], await admin.VersionNumbersAsync("Calculator"));
        Assert.Equal(["2"], (await admin.EventsAsync("version.added", "Calculator")).Select(e => e["data"]!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AddVersion_AfterAWriterDiedBetweenItsTwoWrites_WaitsThenAdoptsItsVersionOnce()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["DurableObjects:Objects:AdoptAfter"] = "00:00:01" });
        var admin = host.Admin();
        await admin.CreateObjectAsync("Calculator");
        // A writer that stored version 2's row and died before pointing the object at it, just now.
        var versions = host.Services.GetRequiredService<VersionStore>();
        var files = Api.Files(Api.CalculatorV1 + "// orphan\n");
        var refs = SourceFiles.ToRefs(files);
        await versions.InsertAsync("calculator", new VersionInfo("Calculator", 2, "orphan", "admin", 1, SourceFiles.HashVersion(refs), refs, null, DateTimeOffset.UtcNow), files);

        var added = await admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "// next\n");

        Assert.Equal(3, added["number"]!.GetValue<int>());
        Assert.Equal(2, added["parentVersion"]!.GetValue<int>());
        Assert.Equal([1, 2, 3], await admin.VersionNumbersAsync("Calculator"));
        var events = await admin.EventsAsync("version.added", "Calculator");
        Assert.Equal(["3", "2"], events.Select(e => e["data"]!["version"]!.GetValue<string>()));
        Assert.Equal("true", events[1]["data"]!["recovered"]!.GetValue<string>());
        Assert.Equal(3, (await admin.GetJsonAsync("/api/objects/Calculator"))["currentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task ReadObject_WriterDiedBeforeARollbackFromItsParent_AdoptsItsVersionAsLatestNotCurrent()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Admin();
        await admin.CreateObjectAsync("Calculator");
        await admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "// two\n");
        // A writer stored version 3, made from version 2, a minute ago and died before pointing the object at it; then
        // the object was rolled back from version 2 to version 1.
        var operation = RequestOperation.Of("admin", Guid.NewGuid().ToString(), DateTimeOffset.UtcNow.AddMinutes(-1), retried: true);
        var files = Api.Files(Api.CalculatorV1 + "// three\n");
        var refs = SourceFiles.ToRefs(files);
        await host.Services.GetRequiredService<VersionStore>().InsertAsync("calculator",
            new VersionInfo("Calculator", 3, "three", "admin", 2, SourceFiles.HashVersion(refs), refs, null, DateTimeOffset.UtcNow.AddMinutes(-1), operation.Id), files);
        await (await admin.PostAsJsonAsync("/api/objects/Calculator/rollback", new { version = 1 })).ExpectAsync(HttpStatusCode.OK);

        var found = await admin.GetJsonAsync("/api/objects/Calculator");
        // The writer's request, retried with its key: its version is found, and it is told it is not current.
        var retried = await host.Services.GetRequiredService<ObjectService>().AddVersionAsync(
            "Calculator", new NewVersion(files, "three", operation), new Actor("admin", UserRole.Admin));

        Assert.Equal(1, found["currentVersion"]!.GetValue<int>());
        Assert.Equal(3, found["latestVersion"]!.GetValue<int>());
        Assert.Equal([1, 2, 3], await admin.VersionNumbersAsync("Calculator"));
        Assert.False(retried.Succeeded);
        Assert.Equal(ErrorKind.Conflict, retried.Error!.Kind);
        Assert.Equal("Version 1 became the current version while this change was made from version 2; it is kept as version 3 but is not current. Start again from version 1.",
            retried.Error.Message);
        var events = await admin.EventsAsync("version.added", "Calculator");
        Assert.Equal(["3", "2"], events.Select(e => e["data"]!["version"]!.GetValue<string>()));
        Assert.Equal(1, (await admin.GetJsonAsync("/api/objects/Calculator"))["currentVersion"]!.GetValue<int>());
    }
}
