using DurableObjects.Channels.Notifications;

namespace DurableObjects.Channels.Commands;

/// <summary>
/// <c>(text|call|email|slack|notify) me when|if &lt;event&gt; [conditions]</c>: create a monitor.
/// </summary>
/// <param name="Channel">The channel to notify on; null for "notify me" (the user's preferred channel).</param>
/// <param name="EventDescription">The event as the user said it ("any user signs up").</param>
/// <param name="EventTypePattern">The event-type pattern from <see cref="EventTypes"/> ("user.registered", "*.failed").</param>
/// <param name="Subject">The object (or other subject) the event must concern; null for any.</param>
/// <param name="Conditions">Further conditions as said ("in production"), for the processor to interpret; null when none.</param>
public sealed record CreateMonitorCommand(
    NotificationChannel? Channel,
    string EventDescription,
    string EventTypePattern,
    string? Subject = null,
    string? Conditions = null) : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.Monitor;

    /// <inheritdoc />
    public override string Describe()
    {
        var verb = Channel switch
        {
            NotificationChannel.Sms => "text",
            NotificationChannel.Voice => "call",
            NotificationChannel.Email => "email",
            NotificationChannel.Slack => "slack",
            _ => "notify",
        };
        return $"{verb} me when {EventDescription}";
    }
}
