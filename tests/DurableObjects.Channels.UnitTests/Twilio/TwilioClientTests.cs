using System.Text;
using DurableObjects.Channels.Twilio;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableObjects.Channels.UnitTests.Twilio;

public sealed class TwilioClientTests
{
    private const string To = "+15551234567";

    private static StandInResponse Created(RecordedRequest request) =>
        new(201, request.Path.EndsWith("Calls.json", StringComparison.Ordinal) ? """{"sid":"CA123","status":"queued"}""" : $$"""{"sid":"SM{{request.Body.Length}}","status":"queued"}""");

    [Fact]
    public async Task SendSmsAsync_ShortMessage_PostsFormWithBasicAuth()
    {
        await using var twilio = await HttpStandIn.StartAsync(Created);
        using var http = new HttpClient();
        var client = new TwilioClient(http, TestOptions.Twilio(twilio.BaseAddress), NullLogger<TwilioClient>.Instance);

        var sids = await client.SendSmsAsync(To, "Calculator v3 is deployed.");

        var request = Assert.Single(twilio.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{TestOptions.AccountSid}/Messages.json", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestOptions.AccountSid}:{TestOptions.AuthToken}"));
        Assert.Equal(expectedAuth, request.Header("Authorization"));
        Assert.Equal(To, request.FormValue("To"));
        Assert.Equal(TestOptions.FromNumber, request.FormValue("From"));
        Assert.Equal("Calculator v3 is deployed.", request.FormValue("Body"));
        Assert.Single(sids);
    }

    [Fact]
    public async Task SendSmsAsync_LongMessage_SendsNumberedParts()
    {
        await using var twilio = await HttpStandIn.StartAsync(Created);
        using var http = new HttpClient();
        var client = new TwilioClient(http, TestOptions.Twilio(twilio.BaseAddress), NullLogger<TwilioClient>.Instance);
        var text = string.Join(' ', Enumerable.Repeat("word", 500));

        var sids = await client.SendSmsAsync(To, text);

        var bodies = twilio.Requests.Select(r => r.FormValue("Body")).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Equal(2, sids.Count);
        Assert.StartsWith("(1/2) word", bodies[0], StringComparison.Ordinal);
        Assert.StartsWith("(2/2) word", bodies[1], StringComparison.Ordinal);
        Assert.All(bodies, b => Assert.True(b.Length <= 1600));
    }

    [Fact]
    public async Task StartCallAsync_Twiml_PostsCallsJsonWithTwiml()
    {
        await using var twilio = await HttpStandIn.StartAsync(Created);
        using var http = new HttpClient();
        var client = new TwilioClient(http, TestOptions.Twilio(twilio.BaseAddress), NullLogger<TwilioClient>.Instance);
        var twiml = TwilioReplies.Announcement("A user signed up.").ToString();

        var sid = await client.StartCallAsync(To, twiml);

        var request = Assert.Single(twilio.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{TestOptions.AccountSid}/Calls.json", request.Path);
        Assert.Equal(twiml, request.FormValue("Twiml"));
        Assert.Equal(To, request.FormValue("To"));
        Assert.Equal(TestOptions.FromNumber, request.FormValue("From"));
        Assert.Equal("CA123", sid);
    }

    [Fact]
    public async Task SendSmsAsync_TwilioError_ThrowsChannelExceptionWithTwilioCode()
    {
        await using var twilio = await HttpStandIn.StartAsync(_ =>
            new StandInResponse(400, """{"code":21211,"message":"The 'To' number is not a valid phone number.","status":400}"""));
        using var http = new HttpClient();
        var client = new TwilioClient(http, TestOptions.Twilio(twilio.BaseAddress), NullLogger<TwilioClient>.Instance);

        var error = await Assert.ThrowsAsync<ChannelException>(() => client.SendSmsAsync(To, "hello"));

        Assert.Equal("21211", error.ProviderCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.DoesNotContain(TestOptions.AuthToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendSmsAsync_NotE164_ThrowsWithoutCallingTwilio()
    {
        await using var twilio = await HttpStandIn.StartAsync(Created);
        using var http = new HttpClient();
        var client = new TwilioClient(http, TestOptions.Twilio(twilio.BaseAddress), NullLogger<TwilioClient>.Instance);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendSmsAsync("555-1234", "hello"));
        Assert.Empty(twilio.Requests);
    }
}
