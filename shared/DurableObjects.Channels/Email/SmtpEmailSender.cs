using DurableObjects.Channels.Configuration;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DurableObjects.Channels.Email;

/// <summary>Email through an SMTP server, using MailKit.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    /// <inheritdoc />
    public string Provider => "smtp";

    /// <inheritdoc />
    public bool IsConfigured => options.Value.SmtpConfigured;

    /// <inheritdoc />
    public async Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (!settings.SmtpConfigured)
        {
            throw new ChannelException("SMTP", null, "not_configured", "SMTP is not configured (SMTP_HOST, FROM_EMAIL).");
        }

        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromEmail!));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();

        using var client = new MailKit.Net.Smtp.SmtpClient();
        try
        {
            await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort ?? 587, Security(settings.SmtpSecurity), cancellationToken);
            if (!string.IsNullOrEmpty(settings.SmtpUsername))
            {
                await client.AuthenticateAsync(settings.SmtpUsername, settings.SmtpPassword ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            logger.LogInformation("SMTP server accepted an email, message id {MessageId}", mime.MessageId);
            return mime.MessageId;
        }
        catch (Exception ex) when (ex is MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or AuthenticationException or IOException or System.Net.Sockets.SocketException)
        {
            logger.LogWarning("SMTP send failed: {ErrorType}", ex.GetType().Name);
            throw new ChannelException("SMTP", null, ex.GetType().Name, ex.Message);
        }
    }

    private static SecureSocketOptions Security(string value) => value.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
