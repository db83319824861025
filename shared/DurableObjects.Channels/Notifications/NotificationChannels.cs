using System.Diagnostics.CodeAnalysis;

namespace DurableObjects.Channels.Notifications;

/// <summary>Names of <see cref="NotificationChannel"/> values as they appear in APIs, storage and commands.</summary>
public static class NotificationChannels
{
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
