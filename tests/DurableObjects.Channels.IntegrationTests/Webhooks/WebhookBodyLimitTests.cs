using System.Net;
using System.Text;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Webhooks;

/// <summary>
/// A webhook body over the request limit is refused with 413 before any signature is computed over it — even when it
/// is validly signed — whether its length is declared or it arrives chunked; a form with more fields than the form
/// reader holds is bad input (400), not a server error; and nothing runs.
/// </summary>
public sealed class WebhookBodyLimitTests : IAsyncLifetime
{
    private const int Limit = 20_000;
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync() => _channels = await ChannelsHost.StartAsync(
        slack: true,
        settings: new Dictionary<string, string?> { ["DurableObjects:Limits:MaxRequestBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SmsWebhook_SignedBodyOverTheLimit_Returns413AndExecutesNothing(bool chunked)
    {
        var form = SignedWebhook.Sms("+15551230002", "deploy Calculator " + new string('x', Limit));
        var body = string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sms") { Content = Content(body, chunked) };
        request.Headers.Add("X-Twilio-Signature", TwilioSigner.Sign(TwilioStandIn.AuthToken, SignedWebhook.PublicBaseUrl + "/webhooks/sms", form));
        var response = await _channels.Host.Anonymous().SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
        Assert.Empty(_channels.Twilio.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SlackCommandWebhook_SignedBodyOverTheLimit_Returns413AndExecutesNothing(bool chunked)
    {
        var body = SignedSlack.SlashCommand("U0ADA", "help " + new string('x', Limit), new Uri(_channels.Slack.BaseAddress, "/commands/T0TEAM/1"));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/slack/commands") { Content = Content(body, chunked) };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SignedSlack.Sign(SlackStandIn.SigningSecret, timestamp, body));
        var response = await _channels.Host.Anonymous().SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
        Assert.Empty(_channels.Slack.Requests);
    }

    [Fact]
    public async Task SmsWebhook_MoreFormFieldsThanAFormMayHold_Returns400AndExecutesNothing()
    {
        // Small enough for the byte limit, too many fields for the form reader: bad input, not a server error.
        var body = string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=1"));
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sms") { Content = Content(body, chunked: false) };
        request.Headers.Add("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        var response = await _channels.Host.Anonymous().SendAsync(request);

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
    }

    [Theory]
    [InlineData("/webhooks/slack/commands")]
    [InlineData("/webhooks/slack/interactions")]
    public async Task SlackWebhook_SignedFormWithMoreFieldsThanAFormMayHold_Returns400AndExecutesNothing(string path)
    {
        // Validly signed (the signature covers the raw bytes, read before the form), yet no form reader holds it.
        var body = "text=help&user_id=U0ADA&" + string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=1"));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Content(body, chunked: false) };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SignedSlack.Sign(SlackStandIn.SigningSecret, timestamp, body));
        var response = await _channels.Host.Anonymous().SendAsync(request);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("form", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
        Assert.Empty(_channels.Slack.Requests);
    }

    private static HttpContent Content(string body, bool chunked)
    {
        HttpContent content = chunked ? new UnsizedContent(Encoding.UTF8.GetBytes(body)) : new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    /// <summary>A body sent without Content-Length (chunked), so only counting while reading can stop it.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
