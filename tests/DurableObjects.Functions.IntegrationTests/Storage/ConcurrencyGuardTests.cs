using Azure;
using DurableObjects.Testing;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Functions.IntegrationTests.Storage;

/// <summary>The storage guards the object service relies on: ETags refuse a second writer; version rows are insert-only.</summary>
public sealed class ConcurrencyGuardTests
{
    [Fact]
    public async Task UpdateObject_WithStaleETag_Fails412()
    {
        await using var host = await TestHost.StartAsync();
        await host.Admin().CreateObjectAsync("Calculator");
        var objects = host.Services.GetRequiredService<ObjectStore>();
        var (info, etag) = (await objects.GetAsync("calculator"))!.Value;
        await objects.UpdateAsync(info with { Description = "first writer" }, etag);

        var second = await Assert.ThrowsAsync<RequestFailedException>(() => objects.UpdateAsync(info with { Description = "second writer" }, etag));

        Assert.Equal(412, second.Status);
        Assert.Equal("first writer", (await objects.GetAsync("calculator"))!.Value.Info.Description);
    }

    [Fact]
    public async Task InsertVersion_SameNumberTwice_Fails409AndKeepsTheFirst()
    {
        await using var host = await TestHost.StartAsync();
        await host.Admin().CreateObjectAsync("Calculator");
        var versions = host.Services.GetRequiredService<VersionStore>();
        var existing = (await versions.GetAsync("calculator", 1))!;
        var files = new Dictionary<string, string> { ["Other.cs"] = "class Other {}" };

        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() =>
            versions.InsertAsync("calculator", existing with { Summary = "overwrite", Files = SourceFiles.ToRefs(files) }, files));

        Assert.Equal(409, conflict.Status);
        Assert.Equal(existing, await versions.GetAsync("calculator", 1), new VersionComparer());
    }

    [Fact]
    public async Task GetVersion_AnotherHostAddsItAfterThisHostMissedIt_IsSeenAtOnce()
    {
        await using var host = await TestHost.StartAsync();
        await host.Admin().CreateObjectAsync("Calculator");
        // Two hosts' version stores on one storage account: this host's copies of version rows must never hide a row
        // another host adds (only rows that exist are kept; rows never change once inserted).
        var storage = host.Services.GetRequiredService<StorageClients>();
        var content = host.Services.GetRequiredService<ContentStore>();
        var here = new VersionStore(storage, content);
        var there = new VersionStore(storage, content);
        var first = (await here.GetAsync("calculator", 1))!;
        var missed = await here.GetAsync("calculator", 2);
        var files = new Dictionary<string, string> { ["Calculator.cs"] = Api.CalculatorV1 + "// v2\n" };
        var refs = SourceFiles.ToRefs(files);
        await there.InsertAsync("calculator", new VersionInfo("Calculator", 2, "second", "admin", 1, SourceFiles.HashVersion(refs), refs, null, DateTimeOffset.UtcNow), files);

        var seen = await here.GetAsync("calculator", 2);
        var latest = await here.GetLatestAsync("calculator");

        Assert.Null(missed);
        Assert.Equal("second", seen?.Summary);
        Assert.Equal(2, latest?.Number);
        Assert.Equal(first, await here.GetAsync("calculator", 1), new VersionComparer());
    }

    [Fact]
    public async Task Activation_AfterCrashBetweenVersionAndObjectWrite_AdoptsTheVersion_AndRecordsItsEvent()
    {
        await using var first = await TestHost.StartAsync();
        await first.Admin().CreateObjectAsync("Calculator");
        // A crash after the version row was written but before the object row pointed at it, longer ago than
        // DurableObjects:Objects:AdoptAfter (younger, it could be another host's write still in flight).
        var versions = first.Services.GetRequiredService<VersionStore>();
        var files = new Dictionary<string, string> { ["Calculator.cs"] = Api.CalculatorV1 + "// orphan\n" };
        var refs = SourceFiles.ToRefs(files);
        var crashedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await versions.InsertAsync("calculator", new VersionInfo("Calculator", 2, "orphan", "admin", 1, SourceFiles.HashVersion(refs), refs, null, crashedAt), files);
        var token = first.AdminToken;
        var prefix = first.Prefix;
        await first.DisposeAsync();

        await using var second = await TestHost.StartAsync(prefix);
        var found = await second.As(token).GetJsonAsync("/api/objects/Calculator");
        var next = await second.As(token).AddVersionAsync("Calculator", Api.CalculatorV1 + "// after\n");

        Assert.Equal(2, found["latestVersion"]!.GetValue<int>());
        Assert.Equal(3, next["number"]!.GetValue<int>());
        var events = await second.As(token).GetJsonAsync("/api/events?type=version.added&subject=object/calculator");
        var numbers = events["items"]!.AsArray().Select(e => e!["data"]!["version"]!.GetValue<string>()).ToList();
        Assert.Equal(["3", "2"], numbers);
        Assert.Equal("true", events["items"]![1]!["data"]!["recovered"]!.GetValue<string>());
    }

    private sealed class VersionComparer : IEqualityComparer<VersionInfo?>
    {
        public bool Equals(VersionInfo? x, VersionInfo? y) =>
            x is not null && y is not null && x.Summary == y.Summary && x.ContentHash == y.ContentHash && x.Files.SequenceEqual(y.Files);

        public int GetHashCode(VersionInfo? obj) => obj?.ContentHash.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
