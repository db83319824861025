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

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
