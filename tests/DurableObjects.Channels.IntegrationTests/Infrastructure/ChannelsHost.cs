using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// The real host (Azurite, the Durable Task engine, every API) wired to a Twilio stand-in: outbound SMS and calls go to the stand-in,
/// webhooks are signed for <see cref="SignedWebhook.PublicBaseUrl"/> with the stand-in's auth token.
/// </summary>
public sealed partial class ChannelsHost : IAsyncDisposable
{
    /// <summary>The channel <c>SLACK_APPROVAL_CHANNEL</c> names when Slack is on.</summary>
    public const string ApprovalChannel = "C0APPROVALS";

    private ChannelsHost(TestHost host, TwilioStandIn twilio, JsonStandIn? slack)
    {
        Host = host;
        Twilio = twilio;
        _slack = slack;
    }

    private readonly JsonStandIn? _slack;

    public TestHost Host { get; }
    public TwilioStandIn Twilio { get; }

    /// <summary>The Slack stand-in (start with <c>slack: true</c>).</summary>
    public JsonStandIn Slack => _slack ?? throw new InvalidOperationException("Start the host with slack: true.");

    /// <param name="twilioConfigured">False: only the auth token is set (webhooks verify, outbound messages go to the outbox).</param>
    /// <param name="settings">More configuration on top.</param>
    /// <param name="services">Service replacements (e.g. a scripted model).</param>
    /// <param name="prefix">Reuse an earlier host's storage (a restart).</param>
    public static async Task<ChannelsHost> StartAsync(
        bool twilioConfigured = true, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? prefix = null,
        bool slack = false)
    {
        var twilio = await TwilioStandIn.StartAsync();
        var slackStandIn = slack ? await SlackStandIn.StartAsync() : null;
        var values = new Dictionary<string, string?>
        {
            ["TWILIO_AUTH_TOKEN"] = TwilioStandIn.AuthToken,
            ["TWILIO_API_BASE_URL"] = twilio.BaseAddress.ToString(),
            ["PUBLIC_BASE_URL"] = SignedWebhook.PublicBaseUrl,
            ["Phones:ResendCooldown"] = "00:00:00",
        };
        if (twilioConfigured)
        {
            values["TWILIO_ACCOUNT_SID"] = TwilioStandIn.AccountSid;
            values["TWILIO_PHONE_NUMBER"] = TwilioStandIn.PhoneNumber;
        }
        if (slackStandIn is not null)
        {
            values["SLACK_BOT_TOKEN"] = SlackStandIn.BotToken;
            values["SLACK_SIGNING_SECRET"] = SlackStandIn.SigningSecret;
            values["SLACK_API_BASE_URL"] = new Uri(slackStandIn.BaseAddress, "/api/").ToString();
            values["SLACK_APPROVAL_CHANNEL"] = ApprovalChannel;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        return new ChannelsHost(await TestHost.StartAsync(prefix, values, services), twilio, slackStandIn);
    }

    /// <summary>Creates a user and returns a client authenticated as them.</summary>
    public async Task<HttpClient> UserAsync(string name, string role) => Host.As(await Host.Admin().CreateUserAsync(name, role));

    /// <summary>Verifies <paramref name="phone"/> for the user behind <paramref name="client"/>, reading the code from the stand-in.</summary>
    public async Task VerifyPhoneAsync(HttpClient client, string phone)
    {
        var response = await client.PutAsJsonAsync("/api/me/phone", new { phone });
        await response.ExpectAsync(HttpStatusCode.Accepted);
        var code = CodeIn(Twilio.SmsTo(phone)[^1]);
        var verified = await client.PostAsJsonAsync("/api/me/phone/verify", new { code });
        await verified.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Links Slack member <paramref name="slackUserId"/> to the user behind <paramref name="client"/>, reading the code from the Slack stand-in.</summary>
    public async Task LinkSlackAsync(HttpClient client, string slackUserId)
    {
        var response = await client.PutAsJsonAsync("/api/me/slack", new { slackUserId });
        await response.ExpectAsync(HttpStatusCode.Accepted);
        var code = CodeIn(Slack.PostedTo(slackUserId)[^1]["text"]!.GetValue<string>());
        var verified = await client.PostAsJsonAsync("/api/me/slack/verify", new { code });
        await verified.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Sends a signed SMS webhook from <paramref name="from"/> and returns the TwiML reply's messages joined.</summary>
    public async Task<string> SmsAsync(string from, string body)
    {
        var response = await SignedWebhook.PostAsync(Host.Anonymous(), "/webhooks/sms", SignedWebhook.Sms(from, body));
        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return string.Join("\n", twiml.Root!.Elements("Message").Select(m => m.Value));
    }

    /// <summary>Posts a signed voice webhook and returns the TwiML document.</summary>
    public async Task<XDocument> VoiceAsync(string path, string from, string? speech = null)
    {
        var response = await SignedWebhook.PostAsync(Host.Anonymous(), path, SignedWebhook.Call(from, speech));
        await response.ExpectAsync(HttpStatusCode.OK);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The object names in a JSON page of objects.</summary>
    public async Task<JsonObject> ObjectAsync(string name) => await Host.Admin().GetJsonAsync($"/api/objects/{name}");

    /// <summary>The six-digit code in a verification SMS.</summary>
    public static string CodeIn(string sms) => CodePattern().Match(sms) is { Success: true } m ? m.Value : throw new InvalidOperationException("No code in: " + sms);

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex CodePattern();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
        if (_slack is not null)
        {
            await _slack.DisposeAsync();
        }
    }
}
