using System.Net;
using System.Net.Http.Json;
using Azure.Core.Pipeline;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>
/// A modification that names the version it was made from (<c>baseVersion</c>, as <c>dobj push</c> sends the version it
/// pulled) starts, and commits, only on top of that version: files made from an old pull never replace what came since.
/// </summary>
public sealed class RunBaseVersionTests
{
    [Fact]
    public async Task Modify_BaseVersionBelowOne_400NamingTheFieldAndNoRunStarts()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();

        var response = await admin.PostAsJsonAsync("/api/objects/Calculator/modifications", new { files = Scripts.V2Files(), summary = "Multiply", baseVersion = 0 });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["baseVersion"]);
        Assert.Empty((await admin.GetJsonAsync("/api/runs?object=Calculator"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Modify_BaseVersionNoLongerCurrent_409NamingBothVersionsAndNoRunStarts()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        await (await admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Scripts.V2Files(), summary = "someone else's" })).ExpectAsync(HttpStatusCode.Created);

        var response = await admin.PostAsJsonAsync("/api/objects/Calculator/modifications",
            new { files = Scripts.V2Files(), summary = "made from v1", baseVersion = 1 });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Version 2 was added while this change was made from version 1; nothing was committed. Start again from version 2.", problem["detail"]!.GetValue<string>());
        Assert.Empty((await admin.GetJsonAsync("/api/runs?object=Calculator"))["items"]!.AsArray());
        Assert.Equal(2, await admin.VersionCountAsync("Calculator"));
    }

    [Fact]
    public async Task Modify_ObjectMovesBetweenTheStartAndTheContext_RunFailsWithoutCommitting()
    {
        var hold = new StorageHold();
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<HttpPipelinePolicy>(hold));
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        // The start has checked the object (v1 current) and is about to record the run: another version lands then.
        hold.HoldNext(StorageFaults.WriteTo("Runs"));
        var starting = admin.ModifyAsync("Calculator", new { files = Scripts.V2Files(), summary = "made from v1", baseVersion = 1 });
        await hold.ReachedAsync(TimeSpan.FromSeconds(30));
        await (await admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Scripts.V2Files(), summary = "someone else's" })).ExpectAsync(HttpStatusCode.Created);
        hold.Release();

        var run = await admin.WaitAsync(await starting);

        Assert.Equal("failed", run.Status());
        Assert.Contains("Version 2 was added while this change was made from version 1; nothing was committed.", run["reason"]!.GetValue<string>());
        Assert.Equal(2, await admin.VersionCountAsync("Calculator"));
    }
}
