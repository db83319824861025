using DurableObjects.Channels.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace DurableObjects.Channels.Email;

/// <summary>Email through SendGrid's v3 <c>mail/send</c> API, using the SendGrid package.</summary>
public sealed class SendGridEmailSender(HttpClient http, IOptions<EmailOptions> options, ILogger<SendGridEmailSender> logger) : IEmailSender
{
    /// <inheritdoc />
    public string Provider => "sendgrid";

    /// <inheritdoc />
    public bool IsConfigured => options.Value.SendGridConfigured;

    /// <inheritdoc />
    public async Task<string?> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (!settings.SendGridConfigured)
        {
            throw new ChannelException("SendGrid", null, "not_configured", "SendGrid is not configured (SENDGRID_API_KEY, FROM_EMAIL).");
        }

        var clientOptions = new SendGridClientOptions { ApiKey = settings.SendGridApiKey };
        if (!string.IsNullOrWhiteSpace(settings.SendGridApiBaseUrl))
        {
            clientOptions.Host = settings.SendGridApiBaseUrl.TrimEnd('/');
        }

        var client = new SendGridClient(http, clientOptions);
        var mail = MailHelper.CreateSingleEmail(
            new EmailAddress(settings.FromEmail, settings.FromName),
            new EmailAddress(message.To),
            message.Subject,
            message.TextBody,
            message.HtmlBody);

        var response = await client.SendEmailAsync(mail, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Body.ReadAsStringAsync(cancellationToken);
            logger.LogWarning("SendGrid refused an email with {StatusCode}", (int)response.StatusCode);
            throw new ChannelException("SendGrid", response.StatusCode, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), Truncate(body));
        }

        var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
        logger.LogInformation("SendGrid accepted an email, message id {MessageId}", id);
        return id;
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
