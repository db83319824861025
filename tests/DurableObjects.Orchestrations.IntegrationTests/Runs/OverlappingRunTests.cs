using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>
/// Runs on one object that overlap: each works from the version that was current when it loaded its context, so a run
/// that would commit after another one committed is refused (it ends <c>failed</c>, saying which versions) instead of
/// storing its candidate on top and silently undoing the other's change. Manual runs: no model needed.
/// </summary>
public sealed class OverlappingRunTests
{
    private const string Moved = "Version 2 was added while this change was made from version 1; nothing was committed. Start again from version 2.";

    [Fact]
    public async Task Commit_AnotherRunCommittedWhileThisOneWaitedForApproval_FailsNamingBothVersionsAndCommitsNothing()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var waiting = await admin.ModifyAsync("Calculator", new
        {
            files = Scripts.V2Files(), summary = "waits", requireApproval = true, deploy = false, notify = new { channel = "email", target = "ada@example.com" },
        });
        await admin.WaitAsync(waiting, "awaiting_approval");
        var overtaking = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { files = Scripts.V2Files(), summary = "overtakes", deploy = false }));
        var reviewer = host.As(await admin.CreateUserAsync("reviewer", "admin"));

        var approve = await reviewer.PostAsJsonAsync($"/api/runs/{waiting}/approve", new { comment = "ok" });
        await approve.ExpectAsync(HttpStatusCode.Accepted);
        var run = await admin.WaitAsync(waiting);

        Assert.Equal("succeeded", overtaking.Status());
        Assert.Equal(2, overtaking["version"]!.GetValue<int>());
        Assert.Equal("failed", run.Status());
        Assert.Equal("The object refused the new version: " + Moved, run["reason"]!.GetValue<string>());
        Assert.Null(run["version"]);
        Assert.Equal([2, 1], await VersionNumbersAsync(admin));
        // The requester is told why, as for any failed run (email to the outbox: no mail service is configured here).
        var outbox = await admin.GetJsonAsync("/api/outbox?channel=email");
        var text = outbox["items"]!.AsArray().Select(i => i!.ToJsonString()).Single(t => t.Contains(waiting, StringComparison.Ordinal));
        Assert.Contains("failed", text, StringComparison.Ordinal);
        Assert.Contains(Moved, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conclude_AnotherRunCommittedWhileThisOneWasBeingDecided_FailsNamingBothVersionsAndCommitsNothing()
    {
        // The run that needs no approval decides and commits in one activity: held after its decision, it is overtaken.
        var hold = new HoldAtStep("evaluate-1");
        // Held longer than the tests' work-item visibility timeout (a minute) on a loaded machine, it would be delivered again.
        var settings = new Dictionary<string, string?> { ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:05:00" };
        await using var host = await RunsHelper.StartHostAsync(observer: hold, settings: settings);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var held = await admin.ModifyAsync("Calculator", new { files = Scripts.V2Files(), summary = "held", deploy = false });
        Assert.Equal(held, await hold.Reached.WaitAsync(TimeSpan.FromSeconds(120)));
        var overtaking = await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { files = Scripts.V2Files(), summary = "overtakes", deploy = false }));

        hold.Release();
        var run = await admin.WaitAsync(held);

        Assert.Equal("succeeded", overtaking.Status());
        Assert.Equal("failed", run.Status());
        Assert.Equal("The object refused the new version: " + Moved, run["reason"]!.GetValue<string>());
        Assert.Equal([2, 1], await VersionNumbersAsync(admin));
    }

    [Fact]
    public async Task Commit_DeliveredAgainAfterItsOwnVersionMovedTheObject_AdoptsThatVersionAndRecordsItOnce()
    {
        await using var host = await RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { files = Scripts.V2Files(), summary = "once", deploy = false });
        var run = await admin.WaitAsync(id);
        var materials = host.Services.GetRequiredService<RunMaterials>();
        var basis = await materials.BasisAsync(id);

        // The commit again, as the engine delivers it when a host died after storing the version and before recording
        // the step: the object's latest version is now the run's own, past the version the run worked from.
        var again = await host.Services.GetRequiredService<ModificationPipeline>().CommitAsync(
            id, await materials.RequestAsync(id), await materials.CandidateAsync(id, 1), basis.Version, CancellationToken.None);

        Assert.Equal("succeeded", run.Status());
        Assert.Equal(1, basis.Version);
        Assert.Equal(2, again.Version);
        Assert.True(again.Adopted);
        Assert.Equal([2, 1], await VersionNumbersAsync(admin));
        var added = (await admin.GetJsonAsync("/api/events?type=version.added&subject=object/calculator"))["items"]!.AsArray();
        Assert.Equal(["2"], added.Select(e => e!["data"]!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Commit_DeliveredAgainAfterARollbackFromItsVersion_FailsSayingItIsNotCurrentAndAddsNothing()
    {
        // Meanwhile the object was rolled back from the run's version: that version is not current, and the run must
        // not go on as though it were (it would deploy what the rollback took back).
        await using var host = await RunsHelper.StartHostAsync();
        var (admin, again) = await CommitAgainAfterAsync(host, _ => Task.CompletedTask);

        Assert.Equal("The new version is not current: Version 2 was made current, then the object was rolled back from version 2 to version 1; "
            + "version 2 is kept but is not current. Start again from version 1.", again.Message);
        Assert.Equal([2, 1], await VersionNumbersAsync(admin));
        Assert.Equal(1, (await admin.GetJsonAsync("/api/objects/Calculator"))["currentVersion"]!.GetValue<int>());
        Assert.Equal(["2"], await VersionsAddedAsync(admin));
    }

    [Fact]
    public async Task Commit_DeliveredAgainAfterARollbackPastItsVersionAndANewerVersion_FailsSayingItIsNotCurrentAndAddsNothing()
    {
        // Someone else's change, made from version 1 after the rollback: version 3 is current, newer than the run's
        // version but not descended from it; the run must not report its change as in effect.
        await using var host = await RunsHelper.StartHostAsync();
        var (admin, again) = await CommitAgainAfterAsync(host, async admin =>
            await (await admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Scripts.V2Files(), summary = "someone else's", baseVersion = 1 }))
                .ExpectAsync(HttpStatusCode.Created));

        Assert.Equal("The new version is not current: Version 3 was made from version 1 after a rollback past version 2, and version 3 is current; "
            + "version 2 is kept but is not current. Start again from version 3.", again.Message);
        Assert.Equal([3, 2, 1], await VersionNumbersAsync(admin));
        Assert.Equal(3, (await admin.GetJsonAsync("/api/objects/Calculator"))["currentVersion"]!.GetValue<int>());
        Assert.Equal(["3", "2"], await VersionsAddedAsync(admin));
    }

    /// <summary>
    /// A run commits version 2 (not deployed) and succeeds; the object is rolled back to version 1 and
    /// <paramref name="then"/> runs; then the run's commit is delivered again, as the engine delivers it when the host
    /// died before recording the step. Answers the admin's client and the failure it must stop with.
    /// </summary>
    private static async Task<(HttpClient Admin, RunStoppedException Again)> CommitAgainAfterAsync(TestHost host, Func<HttpClient, Task> then)
    {
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { files = Scripts.V2Files(), summary = "undone", deploy = false });
        var run = await admin.WaitAsync(id);
        await (await admin.PostAsJsonAsync("/api/objects/Calculator/rollback", new { version = 1 })).ExpectAsync(HttpStatusCode.OK);
        await then(admin);
        var materials = host.Services.GetRequiredService<RunMaterials>();
        var basis = await materials.BasisAsync(id);

        var (request, candidate) = (await materials.RequestAsync(id), await materials.CandidateAsync(id, 1));
        var again = await Assert.ThrowsAsync<RunStoppedException>(() => host.Services.GetRequiredService<ModificationPipeline>().CommitAsync(
            id, request, candidate, basis.Version, CancellationToken.None));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal(RunStatus.Failed, again.Status);
        return (admin, again);
    }

    private static async Task<List<string>> VersionsAddedAsync(HttpClient admin) =>
        [.. (await admin.GetJsonAsync("/api/events?type=version.added&subject=object/calculator"))["items"]!.AsArray().Select(e => e!["data"]!["version"]!.GetValue<string>())];

    private static async Task<List<int>> VersionNumbersAsync(HttpClient admin) =>
        [.. (await admin.GetJsonAsync("/api/objects/Calculator/versions"))["items"]!.AsArray().Select(v => v!["number"]!.GetValue<int>())];
}
