using System.Net;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Channels.IntegrationTests.Webhooks;

/// <summary>
/// Webhook traffic, accepted or refused, never puts the Twilio auth token, the Slack signing secret or a signature
/// header's value into the logs: whoever reads the logs could otherwise forge requests, or replay a signed one.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync.")]
public sealed class WebhookLoggingTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync() => _channels = await ChannelsHost.StartAsync(
        slack: true,
        settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" },
        services: s => s.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync()
    {
        await _channels.DisposeAsync();
        _logs.Dispose();
    }

    [Fact]
    public async Task SignedAndForgedWebhooks_LogNeitherSecretsNorSignatures()
    {
        var anonymous = _channels.Host.Anonymous();
        var sms = SignedWebhook.Sms("+15551230003", "list objects");
        var smsSignature = TwilioSigner.Sign(TwilioStandIn.AuthToken, SignedWebhook.PublicBaseUrl + "/webhooks/sms", sms);
        var forgedSignature = TwilioSigner.Sign("another-token", SignedWebhook.PublicBaseUrl + "/webhooks/sms", sms);
        var command = SignedSlack.SlashCommand("U0ADA", "help", new Uri(_channels.Slack.BaseAddress, "/commands/T0TEAM/1"));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var slackSignature = SignedSlack.Sign(SlackStandIn.SigningSecret, timestamp, command);
        var forgedSlackSignature = SignedSlack.Sign("not-the-signing-secret", timestamp, command);

        await (await SignedWebhook.PostAsync(anonymous, "/webhooks/sms", sms, signature: smsSignature)).ExpectAsync(HttpStatusCode.OK);
        await (await SignedWebhook.PostAsync(anonymous, "/webhooks/sms", sms, signature: forgedSignature)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await PostSlackAsync(anonymous, command, timestamp, slackSignature)).ExpectAsync(HttpStatusCode.OK);
        await (await PostSlackAsync(anonymous, command, timestamp, forgedSlackSignature)).ExpectAsync(HttpStatusCode.Forbidden);

        var lines = _logs.Lines;
        Assert.Contains(lines, l => l.Contains("Rejected a Twilio webhook", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Rejected a Slack webhook", StringComparison.Ordinal));
        foreach (var secret in new[] { TwilioStandIn.AuthToken, SlackStandIn.SigningSecret, smsSignature, forgedSignature, slackSignature, forgedSlackSignature })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task BadInput_IsAnsweredWithoutAnErrorInTheLogs()
    {
        // The sender's mistakes are 4xx answers, not server errors: nothing for an operator's error alerts.
        var tooManyFields = new StringContent(string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=1")), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        await (await _channels.Host.Anonymous().PostAsync("/webhooks/sms", tooManyFields)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var malformed = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        await (await _channels.Host.Admin().PostAsync("/api/objects", malformed)).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.DoesNotContain(_logs.Lines, l => l.Contains("|Error|", StringComparison.Ordinal) || l.Contains("|Critical|", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> PostSlackAsync(HttpClient client, string body, string timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/slack/commands")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return client.SendAsync(request);
    }
}
