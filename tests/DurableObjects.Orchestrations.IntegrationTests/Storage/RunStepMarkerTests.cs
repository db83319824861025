using Azure.Data.Tables;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.IntegrationTests.Storage;

/// <summary>
/// The run's current step is written only for a step that takes a while (longer than <see cref="RunStore.MarkerDelay"/>):
/// a step that ends sooner costs no storage write for a marker nobody would have seen.
/// </summary>
public sealed class RunStepMarkerTests
{
    [Fact]
    public async Task OnStep_AQuickStep_WritesNoMarker_ASlowStep_IsMarkedBeforeItReturns()
    {
        const string RunId = "run1";
        var runs = await StoreWithRunAsync(RunId, currentStep: "plan");

        var quick = await runs.OnStepAsync(RunId, "generate-1", () => Task.FromResult(1));
        var afterQuick = (await runs.FindRowAsync(RunId))!.CurrentStep;
        var slow = await runs.OnStepAsync(RunId, "gate-1-tests", async () =>
        {
            await Task.Delay(RunStore.MarkerDelay * 3);
            return 2;
        });
        var afterSlow = (await runs.FindRowAsync(RunId))!.CurrentStep;

        Assert.Equal((1, 2), (quick, slow));
        Assert.Equal("plan", afterQuick);
        Assert.Equal("gate-1-tests", afterSlow);
    }

    [Fact]
    public async Task OnStep_ASlowStepThatFails_StillMarksAndRethrows()
    {
        var runs = await StoreWithRunAsync("run2", currentStep: "");

        await Assert.ThrowsAsync<InvalidOperationException>(() => runs.OnStepAsync<int>("run2", "commit", async () =>
        {
            await Task.Delay(RunStore.MarkerDelay * 3);
            throw new InvalidOperationException("refused");
        }));

        Assert.Equal("commit", (await runs.FindRowAsync("run2"))!.CurrentStep);
    }

    /// <summary>A run store on fresh tables, holding one run row that says <paramref name="currentStep"/>.</summary>
    private static async Task<RunStore> StoreWithRunAsync(string runId, string currentStep)
    {
        var storage = new StorageClients(Options.Create(new StorageOptions
        {
            ConnectionString = await Azurite.ConnectionStringAsync(),
            TablePrefix = "marker" + Guid.NewGuid().ToString("N")[..10],
        }));
        var table = await storage.TableAsync(RunStore.Table);
        await table.AddEntityAsync(new TableEntity(RunEntity.Partition, runId) { [nameof(RunEntity.CurrentStep)] = currentStep });
        return new RunStore(storage, new RunPayloads(new ContentStore(storage)));
    }
}
