using DurableObjects.Channels.Notifications;
using DurableObjects.Orchestrations.Monitors.Storage;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// Sends one planned message of a batch through the notification service and records <c>monitor.fired</c>.
/// SMS and voice go to the owner's verified phone as it is now (a phone removed since the monitor was made is never
/// called; the message goes to the outbox as undeliverable instead). Nothing is dropped: whatever the notification
/// service cannot send is in the outbox with the reason.
/// </summary>
public sealed class MonitorDispatcher(IServiceProvider services, UserStore users, AuditLog audit)
{
    /// <summary>Sends message <paramref name="index"/>; returns why it was not delivered, or null when it was.</summary>
    public async Task<string?> SendAsync(MonitorEntity monitor, MonitorBatch batch, int index, CancellationToken cancellationToken)
    {
        var message = batch.Messages[index];
        var channel = NotificationChannels.TryParse(monitor.Channel, out var parsed) ? parsed.Value : NotificationChannel.Email;
        var target = monitor.Target ?? "";
        if (channel is NotificationChannel.Sms or NotificationChannel.Voice)
        {
            target = (await users.GetAsync(monitor.Owner, cancellationToken))?.Phone ?? "";
        }
        var correlationId = $"{batch.Id}-{index}";
        // Resolved per message: the senders' typed HttpClients are transient and must not be captured for the host's lifetime.
        var notifications = services.GetRequiredService<INotificationService>();
        var result = await notifications.NotifyAsync(new Notification
        {
            Channel = channel,
            Target = target,
            Subject = message.Subject,
            Text = message.Text,
            CorrelationId = correlationId,
        }, cancellationToken);
        await audit.AppendAsync(MonitorEventTypes.Fired, MonitorEventTypes.Subject(monitor.RowKey), "system", new Dictionary<string, string>
        {
            ["monitor"] = monitor.RowKey,
            ["owner"] = monitor.Owner,
            ["pattern"] = monitor.EventType,
            ["channel"] = monitor.Channel,
            ["notification"] = correlationId,
            ["status"] = result.Status.ToString().ToLowerInvariant(),
            ["events"] = message.EventCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["firstEvent"] = message.FirstEventId ?? "",
        }, cancellationToken);
        return result.Succeeded ? null : $"{result.Status}: {result.Error}";
    }
}
