using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Outbox;

namespace DurableObjects.Channels.UnitTests.Outbox;

public sealed class InMemoryOutboxTests
{
    private static OutboxMessage Message(int i, NotificationChannel channel = NotificationChannel.Sms) => new(
        $"id-{i}",
        DateTimeOffset.UnixEpoch.AddMinutes(i),
        new Notification { Channel = channel, Target = "+15551234567", Subject = $"s{i}", Text = "t", CorrelationId = $"c{i % 2}" },
        OutboxReason.ChannelNotConfigured,
        "not configured");

    [Fact]
    public async Task ListAsync_Pages_NewestFirstUntilExhausted()
    {
        var outbox = new InMemoryOutbox();
        for (var i = 0; i < 5; i++)
        {
            await outbox.AddAsync(Message(i));
        }

        var first = await outbox.ListAsync(new OutboxQuery(PageSize: 2));
        var second = await outbox.ListAsync(new OutboxQuery(PageSize: 2, ContinuationToken: first.ContinuationToken));
        var third = await outbox.ListAsync(new OutboxQuery(PageSize: 2, ContinuationToken: second.ContinuationToken));

        Assert.Equal(["id-4", "id-3"], first.Items.Select(m => m.Id));
        Assert.Equal(["id-2", "id-1"], second.Items.Select(m => m.Id));
        Assert.Equal(["id-0"], third.Items.Select(m => m.Id));
        Assert.Null(third.ContinuationToken);
    }

    [Fact]
    public async Task ListAsync_ChannelAndCorrelationFilters_ApplyBoth()
    {
        var outbox = new InMemoryOutbox();
        await outbox.AddAsync(Message(1, NotificationChannel.Email));
        await outbox.AddAsync(Message(2, NotificationChannel.Sms));
        await outbox.AddAsync(Message(3, NotificationChannel.Email));

        var page = await outbox.ListAsync(new OutboxQuery(Channel: NotificationChannel.Email, CorrelationId: "c1"));

        Assert.Equal(["id-3", "id-1"], page.Items.Select(m => m.Id));
    }
}
