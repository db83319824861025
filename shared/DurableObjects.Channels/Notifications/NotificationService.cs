using DurableObjects.Channels.Outbox;
using DurableObjects.Channels.Phone;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Channels.Notifications;

/// <summary>
/// Validates a notification, picks the sender for its channel and sends; anything not delivered (channel not
/// configured, invalid target, provider failure) goes to the outbox whole, with the reason.
/// </summary>
public sealed class NotificationService(
    IEnumerable<INotificationSender> senders,
    IOutbox outbox,
    TimeProvider timeProvider,
    ILogger<NotificationService> logger) : INotificationService
{
    private readonly Dictionary<NotificationChannel, INotificationSender> byChannel = senders
        .GroupBy(s => s.Channel)
        .ToDictionary(g => g.Key, g => g.Last());

    /// <inheritdoc />
    public async Task<NotificationResult> NotifyAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var (valid, error) = NotificationValidator.Validate(notification);
        if (valid is null)
        {
            logger.LogWarning("Notification {CorrelationId} on {Channel} is invalid: {Reason}", notification.CorrelationId, notification.Channel, error);
            return await ToOutboxAsync(notification, OutboxReason.Invalid, NotificationStatus.Invalid, error!, cancellationToken);
        }

        if (!byChannel.TryGetValue(valid.Channel, out var sender) || sender.NotConfiguredReason is not null)
        {
            var detail = sender?.NotConfiguredReason ?? $"No sender is registered for {valid.Channel.ToName()}.";
            logger.LogInformation("Channel {Channel} is not configured; notification {CorrelationId} goes to the outbox", valid.Channel, valid.CorrelationId);
            return await ToOutboxAsync(valid, OutboxReason.ChannelNotConfigured, NotificationStatus.Outboxed, detail, cancellationToken);
        }

        try
        {
            var ids = await sender.SendAsync(valid, cancellationToken);
            logger.LogInformation(
                "Sent notification {CorrelationId} on {Channel} to {Target}",
                valid.CorrelationId,
                valid.Channel,
                MaskTarget(valid));
            return new NotificationResult(NotificationStatus.Sent, valid.Channel, valid.CorrelationId, ids);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var code = (ex as ChannelException)?.ProviderCode;
            logger.LogWarning("Sending notification {CorrelationId} on {Channel} failed: {ErrorType} {ProviderCode}", valid.CorrelationId, valid.Channel, ex.GetType().Name, code);
            return await ToOutboxAsync(valid, OutboxReason.SendFailed, NotificationStatus.Failed, ex.Message, cancellationToken);
        }
    }

    private async Task<NotificationResult> ToOutboxAsync(
        Notification notification,
        OutboxReason reason,
        NotificationStatus status,
        string detail,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var message = new OutboxMessage(Guid.CreateVersion7(now).ToString("n"), now, notification, reason, detail);
        await outbox.AddAsync(message, cancellationToken);
        return new NotificationResult(status, notification.Channel, notification.CorrelationId, [], detail, message.Id);
    }

    private static string MaskTarget(Notification notification) => notification.Channel switch
    {
        NotificationChannel.Sms or NotificationChannel.Voice => PhoneNumbers.Mask(notification.Target),
        NotificationChannel.Email => "***@" + notification.Target.Split('@').Last(),
        _ => notification.Target,
    };
}
