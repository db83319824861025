using System.Diagnostics.CodeAnalysis;

namespace DurableObjects.Channels.Notifications;

/// <summary>Names of <see cref="NotificationChannel"/> values as they appear in APIs, storage and commands.</summary>
public static class NotificationChannels
{
    /// <summary>The channels a person can be reached on (a preferred channel, a monitor's channel), in the order
    /// they are listed to users. GitHub is not one: it files issues, it reaches no person. The one list of them:
    /// validation and its messages read it from here.</summary>
    public static IReadOnlyList<NotificationChannel> Personal { get; } =
        [NotificationChannel.Sms, NotificationChannel.Voice, NotificationChannel.Email, NotificationChannel.Slack];

    /// <summary>Every channel, in declaration order.</summary>
    public static IReadOnlyList<NotificationChannel> All { get; } = Enum.GetValues<NotificationChannel>();

    /// <summary>"sms, voice, email, slack": the personal channels' wire names for messages.</summary>
    public static string PersonalNames { get; } = string.Join(", ", Personal.Select(ToName));

    /// <summary>"sms, voice, email, slack, github": every channel's wire name for messages.</summary>
    public static string AllNames { get; } = string.Join(", ", All.Select(ToName));

    /// <summary>True when <paramref name="value"/> is exactly the wire name of a personal channel (no synonyms:
    /// this is what is stored as a preferred channel).</summary>
    public static bool IsPersonalName(string? value) => Personal.Any(c => c.ToName() == value);

    /// <summary>The wire name: sms, voice, email, slack, github.</summary>
    public static string ToName(this NotificationChannel channel) => channel switch
    {
        NotificationChannel.Sms => "sms",
        NotificationChannel.Voice => "voice",
        NotificationChannel.Email => "email",
        NotificationChannel.Slack => "slack",
        NotificationChannel.GitHub => "github",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    /// <summary>Parses a wire name or a common synonym (text, call, phone, mail), case-insensitively.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out NotificationChannel? channel)
    {
        channel = value?.Trim().ToLowerInvariant() switch
        {
            "sms" or "text" or "message" => NotificationChannel.Sms,
            "voice" or "call" or "phone" => NotificationChannel.Voice,
            "email" or "e-mail" or "mail" => NotificationChannel.Email,
            "slack" => NotificationChannel.Slack,
            "github" => NotificationChannel.GitHub,
            _ => null,
        };
        return channel is not null;
    }
}
