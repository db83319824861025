namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// What a caller asks a monitor to be. On create, unset fields take defaults; on update, null leaves a field as it
/// is and "" clears an optional one. Nothing here is trusted: <see cref="MonitorValidator"/> checks every field.
/// </summary>
public sealed record MonitorDefinition
{
    /// <summary>A label for people (default: a description of the pattern).</summary>
    public string? Name { get; init; }

    /// <summary>Event-type pattern: exact ("user.registered"), prefix ("object.*") or suffix ("*.failed").</summary>
    public string? EventType { get; init; }

    /// <summary>The subject events must concern: "object/calculator", or a bare name ("calculator") for any kind.</summary>
    public string? Subject { get; init; }

    /// <summary>Event data fields that must equal the given values (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string>? Conditions { get; init; }

    /// <summary>sms, voice, email or slack (default: the owner's preferred channel).</summary>
    public string? Channel { get; init; }

    /// <summary>Email address or Slack channel (default: the owner's); for sms and voice only the owner's verified phone.</summary>
    public string? Target { get; init; }

    /// <summary>At most this many messages per hour; more events wait and go out as one digest.</summary>
    public int? RateLimitPerHour { get; init; }

    /// <summary>"22:00-07:00": no messages then; events wait and go out after.</summary>
    public string? QuietHours { get; init; }

    /// <summary>IANA time zone for quiet hours and the schedule (default UTC).</summary>
    public string? TimeZone { get; init; }

    /// <summary>Cron ("0 9 * * *"): a scheduled monitor sending one summary of the matching events at each time.</summary>
    public string? Schedule { get; init; }

    /// <summary>
    /// notify (default: send a message), propose (start a modification run of the object the events concern, always
    /// waiting for a person's approval, instead of a message) or both.
    /// </summary>
    public string? Action { get; init; }

    /// <summary>For propose: how many matching events about one object within an hour make a proposal (default 3, 2–100).</summary>
    public int? ProposeAfter { get; init; }

    /// <summary>Default true.</summary>
    public bool? Enabled { get; init; }
}
