using Microsoft.Extensions.Configuration;

namespace DurableObjects.Channels.Configuration;

/// <summary>
/// Email settings: <c>EMAIL_PROVIDER</c> (<c>auto</c>, <c>sendgrid</c> or <c>smtp</c>), <c>SENDGRID_API_KEY</c>,
/// <c>SENDGRID_API_BASE_URL</c>, <c>SMTP_HOST</c>, <c>SMTP_PORT</c>, <c>SMTP_USERNAME</c>, <c>SMTP_PASSWORD</c>,
/// <c>SMTP_SECURITY</c> (<c>auto</c>, <c>none</c>, <c>starttls</c>, <c>ssl</c>), <c>FROM_EMAIL</c>, <c>FROM_NAME</c>.
/// </summary>
/// <remarks>Holds secrets: <see cref="ToString"/> redacts them.</remarks>
public sealed class EmailOptions
{
    /// <summary>Which provider to use; <c>auto</c> prefers SendGrid when its key is set, else SMTP when a host is set.</summary>
    [ConfigurationKeyName("EMAIL_PROVIDER")]
    public string Provider { get; set; } = "auto";

    /// <summary>SendGrid API key, sent as Bearer.</summary>
    [ConfigurationKeyName("SENDGRID_API_KEY")]
    public string? SendGridApiKey { get; set; }

    /// <summary>SendGrid API host; point it at a local stand-in in tests.</summary>
    [ConfigurationKeyName("SENDGRID_API_BASE_URL")]
    public string? SendGridApiBaseUrl { get; set; }

    /// <summary>SMTP server host.</summary>
    [ConfigurationKeyName("SMTP_HOST")]
    public string? SmtpHost { get; set; }

    /// <summary>SMTP server port (587 when not set).</summary>
    [ConfigurationKeyName("SMTP_PORT")]
    public int? SmtpPort { get; set; }

    /// <summary>SMTP user; no authentication when empty.</summary>
    [ConfigurationKeyName("SMTP_USERNAME")]
    public string? SmtpUsername { get; set; }

    /// <summary>SMTP password.</summary>
    [ConfigurationKeyName("SMTP_PASSWORD")]
    public string? SmtpPassword { get; set; }

    /// <summary>Transport security: auto (by port), none, starttls, ssl.</summary>
    [ConfigurationKeyName("SMTP_SECURITY")]
    public string SmtpSecurity { get; set; } = "auto";

    /// <summary>Sender address.</summary>
    [ConfigurationKeyName("FROM_EMAIL")]
    public string? FromEmail { get; set; }

    /// <summary>Sender display name.</summary>
    [ConfigurationKeyName("FROM_NAME")]
    public string FromName { get; set; } = "Durable Objects";

    /// <summary>True when SendGrid can send.</summary>
    public bool SendGridConfigured => !string.IsNullOrWhiteSpace(SendGridApiKey) && !string.IsNullOrWhiteSpace(FromEmail);

    /// <summary>True when SMTP can send.</summary>
    public bool SmtpConfigured => !string.IsNullOrWhiteSpace(SmtpHost) && !string.IsNullOrWhiteSpace(FromEmail);

    /// <summary>True when the configured provider is SMTP (explicitly, or by <c>auto</c> with only SMTP set).</summary>
    public bool UsesSmtp =>
        string.Equals(Provider, "smtp", StringComparison.OrdinalIgnoreCase)
        || (string.Equals(Provider, "auto", StringComparison.OrdinalIgnoreCase) && !SendGridConfigured && SmtpConfigured);

    /// <inheritdoc />
    public override string ToString() =>
        $"Email {{ Provider = {Provider}, SendGridApiKey = {SecretText.Redact(SendGridApiKey)}, SmtpHost = {SmtpHost ?? "(not set)"}, " +
        $"SmtpPort = {SmtpPort?.ToString() ?? "(default)"}, SmtpUsername = {SecretText.Redact(SmtpUsername)}, " +
        $"SmtpPassword = {SecretText.Redact(SmtpPassword)}, FromEmail = {SecretText.Redact(FromEmail)} }}";
}
