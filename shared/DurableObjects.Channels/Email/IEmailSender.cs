namespace DurableObjects.Channels.Email;

/// <summary>Sends email through the configured provider (SendGrid or SMTP).</summary>
/// <remarks>
/// Trust model: the sender checks only that it is configured and that the message is well formed; whether the
/// recipient may be emailed is decided by the caller (the notification service and the command processor).
/// </remarks>
public interface IEmailSender
{
    /// <summary>"sendgrid" or "smtp".</summary>
    string Provider { get; }

    /// <summary>False when the provider's settings are missing; sending then throws.</summary>
    bool IsConfigured { get; }

    /// <summary>Sends the message; returns the provider's message id when it gives one. Throws <see cref="ChannelException"/> on refusal.</summary>
    Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
