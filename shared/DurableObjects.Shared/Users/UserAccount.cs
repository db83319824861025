namespace DurableObjects.Shared.Users;

/// <summary>A person who may use the system. The id is the lower-case user name.</summary>
/// <remarks>
/// Contact fields: <see cref="Phone"/> is set only once the number is verified (a code sent to it by SMS came back);
/// only a verified phone may command the system by SMS or voice. <see cref="PendingPhone"/> waits for its code.
/// A <see cref="Disabled"/> account keeps everything it has (tokens, phone, Slack link, objects, monitors) but may not
/// act through any of them until an admin enables it again.
/// </remarks>
public sealed record UserAccount(
    string Id,
    UserRole Role,
    DateTimeOffset CreatedAt)
{
    /// <summary>The verified phone number (E.164), or null.</summary>
    public string? Phone { get; init; }

    /// <summary>A phone number (E.164) waiting for its verification code, or null.</summary>
    public string? PendingPhone { get; init; }

    /// <summary>Email address for notifications, or null.</summary>
    public string? Email { get; init; }

    /// <summary>Slack channel or member id for notifications, or null.</summary>
    public string? Slack { get; init; }

    /// <summary>Preferred notification channel: sms, voice, email or slack (null: sms when a phone is verified, else email).</summary>
    public string? PreferredChannel { get; init; }

    /// <summary>Disabled by an admin: its tokens are refused (401), its phone and Slack commands and approvals too.</summary>
    public bool Disabled { get; init; }
}
