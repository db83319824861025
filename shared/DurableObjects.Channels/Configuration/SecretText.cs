namespace DurableObjects.Channels.Configuration;

/// <summary>Renders settings for logs and diagnostics without ever revealing a secret.</summary>
public static class SecretText
{
    /// <summary>Returns "(set)" or "(not set)"; the value itself never leaves this method.</summary>
    public static string Redact(string? secret) => string.IsNullOrWhiteSpace(secret) ? "(not set)" : "(set)";
}
