using DurableObjects.Channels.Notifications;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// Checks a run's <see cref="RunNotification"/> when the run is asked for, not when it ends: a channel the host knows
/// and a target that channel can reach (the same rules as sending, <see cref="NotificationValidator"/>), so a run is
/// never started with a message it could not send, nor with a null or unbounded value stored in its request.
/// </summary>
public static class RunNotificationCheck
{
    /// <summary>The longest target accepted (an email address, a phone number, a Slack id or a repository).</summary>
    public const int MaxTargetLength = 254;

    /// <summary>Null when <paramref name="notify"/> is absent or valid; otherwise the refusal naming the field.</summary>
    public static OperationError? Check(RunNotification? notify)
    {
        if (notify is null)
        {
            return null;
        }
        if (!NotificationChannels.TryParse(notify.Channel, out var channel))
        {
            return OperationError.InvalidField("notify.channel",
                notify.Channel is null ? $"A channel is required: one of {NotificationChannels.AllNames}." : $"Unknown channel '{Shown(notify.Channel)}': use one of {NotificationChannels.AllNames}.");
        }
        if (notify.Target is { Length: > MaxTargetLength })
        {
            return OperationError.InvalidField("notify.target", $"At most {MaxTargetLength} characters.");
        }
        var (_, error) = NotificationValidator.Validate(new Notification
        {
            Channel = channel.Value, Target = notify.Target ?? "", Subject = "", Text = "check",
        });
        return error is null ? null : OperationError.InvalidField("notify.target", error);
    }

    private static string Shown(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
