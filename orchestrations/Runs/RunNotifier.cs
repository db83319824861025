using DurableObjects.Channels.Notifications;
using DurableObjects.Orchestrations.Runs.Steps;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>Tells the requester how a run ended, on the channel they asked for (outboxed when it is not configured).</summary>
public sealed class RunNotifier(INotificationService notifications)
{
    public async Task<NotifyResult> NotifyAsync(string runId, RunRequest request, RunNotification notify, RunFinish finish)
    {
        if (!NotificationChannels.TryParse(notify.Channel, out var channel))
        {
            return new NotifyResult(notify.Channel, "unknown channel");
        }
        var what = request.Kind == RunKind.Creation ? $"Creating {request.ObjectName}" : $"Changing {request.ObjectName}";
        var outcome = finish.Status switch
        {
            RunStatus.Succeeded => finish.Version is { } v ? $"done: version {v}." : "done.",
            RunStatus.Rejected => "rejected. " + finish.Reason,
            RunStatus.Cancelled => "cancelled.",
            _ => "failed. " + finish.Reason,
        };
        var text = $"{what}: {outcome} Run {runId}.";
        var result = await notifications.NotifyAsync(new Notification
        {
            Channel = channel.Value,
            Target = notify.Target,
            Subject = $"{what}: {finish.Status.ToWire()}",
            Text = text.Length > 1500 ? text[..1500] : text,
            CorrelationId = runId,
        });
        return new NotifyResult(notify.Channel, result.Status.ToString());
    }
}
