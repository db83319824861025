using Azure.Data.Tables;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.IntegrationTests.Storage;

/// <summary>
/// Listing runs (<see cref="RunStore.ListAsync"/>) reads the row keys in time ranges, newest first, and stops once it has
/// the limit: the answer is the newest runs by key whatever the keys hold, and a listing that the last day's runs fill
/// reads no older run.
/// </summary>
public sealed class RunListingTests
{
    [Fact]
    public async Task List_AnyLimit_AnswersTheNewestRunsByKey_AcrossEveryRange()
    {
        var now = DateTimeOffset.UtcNow;
        // Run ids as the launcher makes them (version-7 GUIDs) from a clock ahead of this one to a year ago, around each
        // range's edge; and keys of no such shape, above and below all of them.
        var ages = new[] { -60, 1, 90, 1439, 1441, 3000, 44639, 44641, 60000, 525600 };
        var keys = ages.SelectMany(minutes => new[]
            {
                Guid.CreateVersion7(now.AddMinutes(-minutes)).ToString("N"),
                Guid.CreateVersion7(now.AddMinutes(-minutes).AddMilliseconds(1)).ToString("N"),
            })
            .Append("zzzz-not-a-guid").Append("!legacy").Append("0").ToList();
        var (runs, table) = await StoreAsync();
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            await table.AddEntityAsync(Row(key, i % 3 == 0 ? "other" : "ledger"));
        }

        foreach (var limit in Enumerable.Range(1, keys.Count + 1))
        {
            var expected = keys.Order(StringComparer.Ordinal).Reverse().Take(limit).ToList();
            var listed = await runs.ListAsync(null, limit);
            Assert.Equal(expected, listed.Select(r => r.RowKey));
        }
        foreach (var limit in new[] { 1, 3, 7, keys.Count })
        {
            var expected = keys.Where((_, i) => i % 3 == 0).Order(StringComparer.Ordinal).Reverse().Take(limit).ToList();
            var listed = await runs.ListAsync("OTHER", limit);
            Assert.Equal(expected, listed.Select(r => r.RowKey));
        }
    }

    [Fact]
    public async Task List_FilledByTheLastDay_ReadsNoOlderRun()
    {
        var now = DateTimeOffset.UtcNow;
        var (runs, table) = await StoreAsync();
        var recent = Enumerable.Range(1, 3).Select(i => Guid.CreateVersion7(now.AddMinutes(-i)).ToString("N")).ToList();
        foreach (var key in recent)
        {
            await table.AddEntityAsync(Row(key, "ledger"));
        }
        // A row from two months ago that no run entity can be read from: reading it fails the listing.
        var old = Row(Guid.CreateVersion7(now.AddDays(-60)).ToString("N"), "ledger");
        old[nameof(RunEntity.MaxIterations)] = "not a number";
        await table.AddEntityAsync(old);

        var listed = await runs.ListAsync(null, 3);

        Assert.Equal(recent, listed.Select(r => r.RowKey));
        // The check is real: a listing that needs the old row reads it, and fails on it.
        await Assert.ThrowsAnyAsync<Exception>(() => runs.ListAsync(null, 4));
    }

    private static TableEntity Row(string key, string objectKey) => new(RunEntity.Partition, key)
    {
        [nameof(RunEntity.ObjectKey)] = objectKey,
        [nameof(RunEntity.ObjectName)] = objectKey,
        [nameof(RunEntity.Status)] = "succeeded",
        [nameof(RunEntity.MaxIterations)] = 3,
        [nameof(RunEntity.CreatedAt)] = DateTimeOffset.UtcNow,
        [nameof(RunEntity.UpdatedAt)] = DateTimeOffset.UtcNow,
    };

    /// <summary>A run store on fresh tables, and its Runs table.</summary>
    private static async Task<(RunStore Runs, TableClient Table)> StoreAsync()
    {
        var storage = new StorageClients(Options.Create(new StorageOptions
        {
            ConnectionString = await Azurite.ConnectionStringAsync(),
            TablePrefix = "listing" + Guid.NewGuid().ToString("N")[..10],
        }));
        return (new RunStore(storage, new RunPayloads(new ContentStore(storage))), await storage.TableAsync(RunStore.Table));
    }
}
