using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Phone;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// Checks a monitor definition against its owner's profile and says everything that is wrong at once.
/// Trust model: the definition is untrusted input; the owner comes from an authenticated actor. SMS and voice
/// monitors may only ever notify the owner's own verified phone, so nobody can make the system call a stranger.
/// </summary>
public static class MonitorValidator
{
    public static Outcome<MonitorSettings> Validate(MonitorDefinition d, UserAccount owner, MonitorOptions options, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        var pattern = d.EventType?.Trim().ToLowerInvariant() ?? "";
        if (pattern.Length == 0)
        {
            Add("eventType", "An event-type pattern is required, e.g. user.registered, object.* or *.failed.");
        }
        else if (EventPattern.Check(pattern) is { } badPattern)
        {
            Add("eventType", badPattern);
        }

        var zoneId = string.IsNullOrWhiteSpace(d.TimeZone) ? "UTC" : d.TimeZone.Trim();
        TimeZoneInfo zone = TimeZoneInfo.Utc;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found))
        {
            Add("timeZone", $"Unknown time zone '{zoneId}'; use an IANA name such as Europe/Paris or UTC.");
        }
        else
        {
            zone = found;
        }

        var schedule = string.IsNullOrWhiteSpace(d.Schedule) ? null : d.Schedule.Trim();
        if (schedule is not null && MonitorCron.Check(schedule, zone, options.MinScheduleInterval, now) is { } badCron)
        {
            Add("schedule", badCron);
        }

        var quiet = string.IsNullOrWhiteSpace(d.QuietHours) ? null : d.QuietHours.Trim();
        if (quiet is not null && !QuietHours.TryParse(quiet, out _))
        {
            Add("quietHours", $"'{quiet}' is not a time range: use HH:mm-HH:mm, e.g. 22:00-07:00.");
        }

        if (d.RateLimitPerHour is < 1 or > 3600)
        {
            Add("rateLimitPerHour", "Between 1 and 3600 messages per hour.");
        }

        var subject = string.IsNullOrWhiteSpace(d.Subject) ? null : d.Subject.Trim();
        if (subject is { Length: > 200 })
        {
            Add("subject", "At most 200 characters, e.g. object/calculator.");
        }

        var conditions = d.Conditions ?? new Dictionary<string, string>();
        if (conditions.Count > 10 || conditions.Any(c => c.Key.Length is 0 or > 64 || c.Value is null || c.Value.Length > 200))
        {
            Add("conditions", "At most 10 conditions, each a data field name (1-64 characters) and a value (at most 200).");
        }

        var name = string.IsNullOrWhiteSpace(d.Name) ? DefaultName(pattern, subject, schedule) : d.Name.Trim();
        if (name.Length > 100)
        {
            Add("name", "At most 100 characters.");
        }

        var action = string.IsNullOrWhiteSpace(d.Action) ? MonitorActions.Notify : d.Action.Trim().ToLowerInvariant();
        if (action is not (MonitorActions.Notify or MonitorActions.Propose or MonitorActions.Both))
        {
            Add("action", $"Unknown action '{d.Action}': use notify, propose or both.");
        }
        else if (MonitorActions.Proposes(action) && schedule is not null)
        {
            Add("action", "A scheduled monitor sends summaries; only an event monitor (no schedule) can propose changes.");
        }
        else if (MonitorActions.Proposes(action) && owner.Role == UserRole.Viewer)
        {
            Add("action", "Viewers cannot start runs, so their monitors cannot propose changes.");
        }
        if (d.ProposeAfter is < 2 or > 100)
        {
            Add("proposeAfter", "Between 2 and 100 matching events (a single event is not a pattern).");
        }

        var (channel, target) = ResolveChannel(d, owner, Add);
        if (errors.Count > 0)
        {
            return Outcome<MonitorSettings>.Fail(ErrorKind.Invalid, "The monitor definition is invalid; nothing was stored.", errors);
        }
        return Outcome<MonitorSettings>.Ok(new MonitorSettings(
            name, pattern, subject, new Dictionary<string, string>(conditions), channel!, target,
            d.RateLimitPerHour, quiet, zone.Id, schedule, d.Enabled ?? true, action, d.ProposeAfter ?? MonitorActions.DefaultProposeAfter));
    }

    private static (string? Channel, string? Target) ResolveChannel(MonitorDefinition d, UserAccount owner, Action<string, string> add)
    {
        var requested = string.IsNullOrWhiteSpace(d.Channel) ? owner.PreferredChannel ?? (owner.Phone is null ? "email" : "sms") : d.Channel;
        if (!NotificationChannels.TryParse(requested, out var parsed) || !NotificationChannels.Personal.Contains(parsed.Value))
        {
            add("channel", $"Unknown channel '{requested}': use one of {NotificationChannels.PersonalNames}.");
            return (null, null);
        }
        var channel = parsed.Value;
        var target = string.IsNullOrWhiteSpace(d.Target) ? null : d.Target.Trim();
        switch (channel)
        {
            case NotificationChannel.Sms or NotificationChannel.Voice:
                if (owner.Phone is null)
                {
                    add("target", $"{channel.ToName()} monitors go to your verified phone, and you have none: verify one with PUT /api/me/phone first.");
                }
                else if (target is not null && (!PhoneNumbers.TryNormalize(target, out var e164) || e164 != owner.Phone))
                {
                    add("target", $"{channel.ToName()} monitors can only go to your own verified phone ({PhoneNumbers.Mask(owner.Phone)}); leave target out.");
                }
                return (channel.ToName(), owner.Phone);
            case NotificationChannel.Email:
                target ??= owner.Email;
                if (target is null)
                {
                    add("target", "An email address is needed: give a target or set your email with PUT /api/me/contact.");
                }
                else if (NotificationValidator.Validate(Probe(channel, target)).Valid is null)
                {
                    add("target", $"'{target}' is not an email address.");
                }
                return (channel.ToName(), target);
            default:
                target ??= owner.Slack;
                if (target is null)
                {
                    add("target", "A Slack channel is needed: give a target (e.g. #alerts or C0123) or set yours with PUT /api/me/contact.");
                }
                else if (target.Length > 80 || NotificationValidator.Validate(Probe(channel, target)).Valid is null)
                {
                    add("target", $"'{target}' is not a Slack channel id or name.");
                }
                return (channel.ToName(), target);
        }
    }

    private static Notification Probe(NotificationChannel channel, string target) =>
        new() { Channel = channel, Target = target, Subject = "probe", Text = "probe" };

    private static string DefaultName(string pattern, string? subject, string? schedule) =>
        (schedule is null ? "When " : "Summary of ") + pattern + (subject is null ? "" : " on " + subject);
}
