using Microsoft.Extensions.Configuration;

namespace DurableObjects.Channels.Configuration;

/// <summary>
/// Slack settings: <c>SLACK_BOT_TOKEN</c> (a bot token, sent as Bearer), <c>SLACK_API_BASE_URL</c>,
/// <c>SLACK_SIGNING_SECRET</c> (verifies the interaction and slash-command webhooks) and
/// <c>SLACK_APPROVAL_CHANNEL</c> (where approval requests with Approve and Reject buttons go).
/// </summary>
/// <remarks>Holds secrets: <see cref="ToString"/> redacts them.</remarks>
public sealed class SlackOptions
{
    /// <summary>Slack's Web API root.</summary>
    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>Bot token (<c>xoxb-…</c>).</summary>
    [ConfigurationKeyName("SLACK_BOT_TOKEN")]
    public string? BotToken { get; set; }

    /// <summary>Base URL of the Web API; point it at a local stand-in in tests.</summary>
    [ConfigurationKeyName("SLACK_API_BASE_URL")]
    public string? ApiBaseUrl { get; set; }

    /// <summary>The app's signing secret: the HMAC key of <c>X-Slack-Signature</c> on requests Slack sends us.</summary>
    [ConfigurationKeyName("SLACK_SIGNING_SECRET")]
    public string? SigningSecret { get; set; }

    /// <summary>Channel id (e.g. <c>C0123456789</c>) that receives approval requests with Approve and Reject buttons.</summary>
    [ConfigurationKeyName("SLACK_APPROVAL_CHANNEL")]
    public string? ApprovalChannel { get; set; }

    /// <summary>True when messages can be posted.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>The base URL to use, always ending with a slash so method names append correctly.</summary>
    public Uri EffectiveApiBaseUrl
    {
        get
        {
            var value = string.IsNullOrWhiteSpace(ApiBaseUrl) ? DefaultApiBaseUrl : ApiBaseUrl;
            return new Uri(value.EndsWith('/') ? value : value + "/");
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Slack {{ BotToken = {SecretText.Redact(BotToken)}, SigningSecret = {SecretText.Redact(SigningSecret)}, " +
        $"ApiBaseUrl = {EffectiveApiBaseUrl}, ApprovalChannel = {ApprovalChannel ?? "(not set)"} }}";
}
