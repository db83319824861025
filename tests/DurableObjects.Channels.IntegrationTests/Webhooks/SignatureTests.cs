using System.Net;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Webhooks;

/// <summary>
/// The signature is the webhooks' only authentication: a request Twilio did not sign for this exact URL and these
/// exact parameters gets 403, and nothing runs — storage is byte-for-byte unchanged and nothing is sent.
/// </summary>
public sealed class SignatureTests : IAsyncLifetime
{
    private const string Phone = "+15551230001";
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync();
        var member = await _channels.UserAsync("ada", "member");
        await member.CreateObjectAsync("Calculator");
        await _channels.VerifyPhoneAsync(member, Phone);
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task SmsWebhook_ValidSignature_RunsCommandAndRepliesWithTwiml()
    {
        var reply = await _channels.SmsAsync(Phone, "info Calculator");

        Assert.StartsWith("Calculator: v1 (draft), not deployed", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong signature")]
    [InlineData("missing header")]
    [InlineData("altered parameter")]
    [InlineData("wrong URL")]
    [InlineData("signed with another token")]
    [InlineData("signature in other case")]
    [InlineData("parameter repeated")]
    [InlineData("parameter moved to the query string")]
    public async Task SmsWebhook_BadSignature_Returns403AndExecutesNothing(string tampering)
    {
        var form = SignedWebhook.Sms(Phone, "deploy Calculator");
        var signature = TwilioSigner.Sign(TwilioStandIn.AuthToken, SignedWebhook.PublicBaseUrl + "/webhooks/sms", form);
        var before = await StorageSnapshot.TakeAsync(_channels.Host);
        var sentBefore = _channels.Twilio.Requests.Count;

        var response = tampering switch
        {
            "signature in other case" => await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/sms", form, signature: signature.ToUpperInvariant()),
            // Signed for Body once; sent with a second Body the handler might read instead.
            "parameter repeated" => await PostRawAsync("/webhooks/sms", Encode(form) + "&Body=" + Uri.EscapeDataString("rollback Calculator"), signature),
            "parameter moved to the query string" => await PostRawAsync(
                "/webhooks/sms?Body=" + Uri.EscapeDataString(form["Body"]), Encode(form.Where(p => p.Key != "Body")), signature),
            "wrong signature" => await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/sms", form, signature: Convert.ToBase64String(new byte[20])),
            "missing header" => await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/sms", form, sign: false),
            "altered parameter" => await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/sms", form,
                signedForm: new Dictionary<string, string>(form) { ["Body"] = "info Calculator" }),
            "wrong URL" => await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/sms", form, signedUrl: "https://attacker.example/webhooks/sms"),
            _ => await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/sms", form,
                signature: TwilioSigner.Sign("another-token", SignedWebhook.PublicBaseUrl + "/webhooks/sms", form)),
        };

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Invalid Twilio signature", problem["title"]!.GetValue<string>());
        Assert.DoesNotContain(signature, problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TwilioStandIn.AuthToken, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
        Assert.Equal(sentBefore, _channels.Twilio.Requests.Count);
        Assert.Equal("draft", (await _channels.ObjectAsync("Calculator"))["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/webhooks/voice")]
    [InlineData("/webhooks/voice/command")]
    public async Task VoiceWebhooks_WrongSignature_Return403AndExecuteNothing(string path)
    {
        var form = SignedWebhook.Call(Phone, "deploy Calculator");
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var response = await SignedWebhook.PostAsync(_channels.Host.Anonymous(), path, form,
            signedForm: new Dictionary<string, string>(form) { ["SpeechResult"] = "help" });

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
    }

    [Fact]
    public async Task SmsWebhook_SignedForTheNumberButSentByAnother_IsRefused()
    {
        // The signature covers From: changing the sender after signing is an altered parameter.
        var form = SignedWebhook.Sms("+15559999999", "list objects");

        var response = await SignedWebhook.PostAsync(_channels.Host.Anonymous(), "/webhooks/sms", form,
            signedForm: new Dictionary<string, string>(form) { ["From"] = Phone });

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    private Task<HttpResponseMessage> PostRawAsync(string pathAndQuery, string body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Twilio-Signature", signature);
        return _channels.Host.Anonymous().SendAsync(request);
    }

    private static string Encode(IEnumerable<KeyValuePair<string, string>> form) =>
        string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
}
