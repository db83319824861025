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
/// service cannot send is in the outbox with the reason. A disabled owner is not notified: their monitors stay as they
/// are, and their messages are skipped (recorded as <c>monitor.fired</c> with status <c>skipped</c>) until an admin
/// enables the owner again.
/// </summary>
public sealed class MonitorDispatcher(IServiceProvider services, UserStore users, AuditLog audit)
{
    /// <summary>Sends message <paramref name="index"/>; returns why it was not delivered, or null when it was.</summary>
    public async Task<string?> SendAsync(MonitorEntity monitor, MonitorBatch batch, int index, CancellationToken cancellationToken)
    {
        var message = batch.Messages[index];
        var channel = NotificationChannels.TryParse(monitor.Channel, out var parsed) ? parsed.Value : NotificationChannel.Email;
        var owner = await users.GetAsync(monitor.Owner, cancellationToken);
        var correlationId = $"{batch.Id}-{index}";
        if (owner is { Disabled: true })
        {
            // Skipped, not kept for later: enabling the owner again resumes the monitor from then on, without a
            // backlog of what happened meanwhile.
            await AuditFiredAsync(monitor, message, correlationId, "skipped", cancellationToken);
            return $"Skipped: the monitor's owner '{owner.Id}' is disabled.";
        }
        var target = monitor.Target ?? "";
        if (channel is NotificationChannel.Sms or NotificationChannel.Voice)
        {
            target = owner?.Phone ?? "";
        }
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
        await AuditFiredAsync(monitor, message, correlationId, result.Status.ToString().ToLowerInvariant(), cancellationToken);
        return result.Succeeded ? null : $"{result.Status}: {result.Error}";
    }

    private Task AuditFiredAsync(MonitorEntity monitor, PlannedMessage message, string correlationId, string status, CancellationToken cancellationToken) =>
        audit.AppendAsync(MonitorEventTypes.Fired, MonitorEventTypes.Subject(monitor.RowKey), "system", new Dictionary<string, string>
        {
            ["monitor"] = monitor.RowKey,
            ["owner"] = monitor.Owner,
            ["pattern"] = monitor.EventType,
            ["channel"] = monitor.Channel,
            ["notification"] = correlationId,
            ["status"] = status,
            ["events"] = message.EventCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["firstEvent"] = message.FirstEventId ?? "",
        }, cancellationToken);
}
