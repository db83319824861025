using Azure.Data.Tables;
using DurableObjects.Orchestrations.Commands;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.IntegrationTests.Storage;

/// <summary>Remembered webhook replies expire, and every webhook group's expired rows are purged, not only the busiest's.</summary>
public sealed class WebhookReplyStoreTests
{
    [Fact]
    public async Task AnswerOnce_AfterRetention_PurgesExpiredRowsOfEachGroup()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var storage = new StorageClients(Options.Create(new StorageOptions
        {
            ConnectionString = await Azurite.ConnectionStringAsync(),
            TablePrefix = "replies" + Guid.NewGuid().ToString("N")[..10],
        }));
        var store = new WebhookReplyStore(storage, clock, NullLogger<WebhookReplyStore>.Instance);
        Task<string> AnswerAsync(string webhook, string id) =>
            store.AnswerOnceAsync(webhook, id, _ => Task.FromResult(($"reply {id}", true)), "busy");

        await AnswerAsync("sms", "old1");
        await AnswerAsync("slack-command", "old2");
        clock.Now += WebhookReplyStore.Retention + TimeSpan.FromDays(1);
        await AnswerAsync("sms", "new1");
        await AnswerAsync("slack-command", "new2");

        var table = await storage.TableAsync(WebhookReplyStore.Table);
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add($"{row.PartitionKey}/{row.RowKey}");
        }
        Assert.Equal(["slack-command/new2", "sms/new1"], rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnswerOnce_RepeatWhileTheFirstRuns_GetsTheBusyReplyAfterItsOwnWait()
    {
        var storage = new StorageClients(Options.Create(new StorageOptions
        {
            ConnectionString = await Azurite.ConnectionStringAsync(),
            TablePrefix = "replies" + Guid.NewGuid().ToString("N")[..10],
        }));
        var store = new WebhookReplyStore(storage, TimeProvider.System, NullLogger<WebhookReplyStore>.Instance);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = store.AnswerOnceAsync("slack-command", "d1", async _ =>
        {
            started.SetResult();
            await release.Task;
            return ("done", true);
        }, "busy");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // A shorter wait than the default ten seconds, as Slack's webhooks pass: the repeat answers within it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var repeat = await store.AnswerOnceAsync("slack-command", "d1", _ => throw new InvalidOperationException("a repeat must not run"), "busy",
            waitForFirst: TimeSpan.FromMilliseconds(500));
        var waited = clock.Elapsed;

        Assert.Equal("busy", repeat);
        Assert.InRange(waited, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
        release.SetResult();
        Assert.Equal("done", await first);
        Assert.Equal("done", await store.AnswerOnceAsync("slack-command", "d1", _ => throw new InvalidOperationException("a repeat must not run"), "busy"));
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
