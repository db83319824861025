using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Phones;

/// <summary>A phone earns the right to command by returning the code texted to it — through the API or by SMS reply.</summary>
public sealed class PhoneVerificationTests : IAsyncLifetime
{
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync() => _channels = await ChannelsHost.StartAsync(settings: new Dictionary<string, string?> { ["Phones:MaxAttempts"] = "3" });

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task PutPhone_CodeReachesTwilioOnTheWire_VerifyThenCommandsWork()
    {
        var member = await _channels.UserAsync("ada", "member");

        var claim = await member.PutAsJsonAsync("/api/me/phone", new { phone = "(555) 123-0002" });

        await claim.ExpectAsync(HttpStatusCode.Accepted);
        var body = (await claim.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("+15551230002", body["phone"]!.GetValue<string>());
        Assert.Equal("sent", body["delivery"]!.GetValue<string>());
        var sent = Assert.Single(_channels.Twilio.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioStandIn.AccountSid}/Messages.json", sent.Path);
        Assert.Equal("application/x-www-form-urlencoded", sent.ContentType.Split(';')[0]);
        Assert.Equal(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TwilioStandIn.AccountSid}:{TwilioStandIn.AuthToken}"))).ToString(), sent.Authorization);
        Assert.Equal("+15551230002", sent.FormValue("To"));
        Assert.Equal(TwilioStandIn.PhoneNumber, sent.FormValue("From"));
        var code = ChannelsHost.CodeIn(sent.FormValue("Body"));
        Assert.Contains("'ada'", sent.FormValue("Body"), StringComparison.Ordinal);

        Assert.Contains("isn't linked", await _channels.SmsAsync("+15551230002", "list objects"), StringComparison.Ordinal);
        var verified = await member.PostAsJsonAsync("/api/me/phone/verify", new { code });

        await verified.ExpectAsync(HttpStatusCode.OK);
        var me = await member.GetJsonAsync("/api/me");
        Assert.Equal("+15551230002", me["phone"]!.GetValue<string>());
        Assert.Null(me["pendingPhone"]);
        Assert.StartsWith("There are no objects yet", await _channels.SmsAsync("+15551230002", "list objects"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmsReplyWithCode_VerifiesThePhone()
    {
        var member = await _channels.UserAsync("bea", "member");
        await (await member.PutAsJsonAsync("/api/me/phone", new { phone = "+15551230003" })).ExpectAsync(HttpStatusCode.Accepted);
        var code = ChannelsHost.CodeIn(_channels.Twilio.SmsTo("+15551230003")[^1]);

        var reply = await _channels.SmsAsync("+15551230003", $" {code} ");

        Assert.StartsWith("Phone verified for bea.", reply, StringComparison.Ordinal);
        Assert.Equal("+15551230003", (await member.GetJsonAsync("/api/me"))["phone"]!.GetValue<string>());
        var events = await _channels.Host.Admin().GetJsonAsync("/api/events?type=phone.");
        var types = events["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("phone.verified", types);
        Assert.Contains("phone.verification_sent", types);
        Assert.DoesNotContain(code, events.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("+15551230003", events.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WrongCodes_LimitedAttemptsThenEvenTheRightCodeFails()
    {
        var member = await _channels.UserAsync("cy", "member");
        await (await member.PutAsJsonAsync("/api/me/phone", new { phone = "+15551230004" })).ExpectAsync(HttpStatusCode.Accepted);
        var code = ChannelsHost.CodeIn(_channels.Twilio.SmsTo("+15551230004")[^1]);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var refused = await member.PostAsJsonAsync("/api/me/phone/verify", new { code = wrong });
            await refused.ExpectProblemAsync(HttpStatusCode.BadRequest);
        }
        var tooMany = await member.PostAsJsonAsync("/api/me/phone/verify", new { code });

        await tooMany.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Null((await member.GetJsonAsync("/api/me"))["phone"]);
    }

    [Fact]
    public async Task Verify_CodeWorksOnce_AndNewRequestReplacesTheOldCode()
    {
        var member = await _channels.UserAsync("dee", "member");
        await (await member.PutAsJsonAsync("/api/me/phone", new { phone = "+15551230005" })).ExpectAsync(HttpStatusCode.Accepted);
        var first = ChannelsHost.CodeIn(_channels.Twilio.SmsTo("+15551230005")[^1]);
        await (await member.PutAsJsonAsync("/api/me/phone", new { phone = "+15551230005" })).ExpectAsync(HttpStatusCode.Accepted);
        var second = ChannelsHost.CodeIn(_channels.Twilio.SmsTo("+15551230005")[^1]);

        if (first != second)
        {
            await (await member.PostAsJsonAsync("/api/me/phone/verify", new { code = first })).ExpectProblemAsync(HttpStatusCode.BadRequest);
        }
        await (await member.PostAsJsonAsync("/api/me/phone/verify", new { code = second })).ExpectAsync(HttpStatusCode.OK);
        var again = await member.PostAsJsonAsync("/api/me/phone/verify", new { code = second });

        await again.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PutPhone_SwitchingNumbers_TheAbandonedNumbersCodeNoLongerWorks()
    {
        var member = await _channels.UserAsync("jo", "member");
        await (await member.PutAsJsonAsync("/api/me/phone", new { phone = "+15551230010" })).ExpectAsync(HttpStatusCode.Accepted);
        var abandoned = ChannelsHost.CodeIn(_channels.Twilio.SmsTo("+15551230010")[^1]);
        await (await member.PutAsJsonAsync("/api/me/phone", new { phone = "+15551230011" })).ExpectAsync(HttpStatusCode.Accepted);

        var reply = await _channels.SmsAsync("+15551230010", abandoned);

        Assert.Contains("isn't linked", reply, StringComparison.Ordinal);
        var me = await member.GetJsonAsync("/api/me");
        Assert.Null(me["phone"]);
        Assert.Equal("+15551230011", me["pendingPhone"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutPhone_VerifiedByAnotherUser_Conflict()
    {
        var first = await _channels.UserAsync("eve", "member");
        await _channels.VerifyPhoneAsync(first, "+15551230006");
        var second = await _channels.UserAsync("fay", "member");

        var response = await second.PutAsJsonAsync("/api/me/phone", new { phone = "+1 555 123 0006" });

        await response.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("555-0100")]
    [InlineData("+0123")]
    [InlineData("call me maybe")]
    [InlineData("")]
    public async Task PutPhone_NotANumber_400AndNothingSent(string phone)
    {
        var member = await _channels.UserAsync("gus", "member");
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var response = await member.PutAsJsonAsync("/api/me/phone", new { phone });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty(_channels.Twilio.Requests);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
    }

    [Fact]
    public async Task DeletePhone_NumberStopsCommandingAtOnce()
    {
        var member = await _channels.UserAsync("hal", "member");
        await _channels.VerifyPhoneAsync(member, "+15551230007");

        await (await member.DeleteAsync("/api/me/phone")).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("isn't linked", await _channels.SmsAsync("+15551230007", "list objects"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutContact_SetsEmailAndPreferredChannel_RefusesUnknownChannel()
    {
        var member = await _channels.UserAsync("ivy", "member");

        var ok = await member.PutAsJsonAsync("/api/me/contact", new { email = "ivy@example.com", preferredChannel = "Email" });
        var bad = await member.PutAsJsonAsync("/api/me/contact", new { preferredChannel = "pigeon" });
        var badEmail = await member.PutAsJsonAsync("/api/me/contact", new { email = "not an address" });

        await ok.ExpectAsync(HttpStatusCode.OK);
        await bad.ExpectProblemAsync(HttpStatusCode.BadRequest);
        await badEmail.ExpectProblemAsync(HttpStatusCode.BadRequest);
        var me = await member.GetJsonAsync("/api/me");
        Assert.Equal("ivy@example.com", me["email"]!.GetValue<string>());
        Assert.Equal("email", me["preferredChannel"]!.GetValue<string>());
    }
}
