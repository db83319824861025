using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Notifications;

/// <summary>
/// Safety: a run texts or calls only its requester's own verified phone (as a monitor does), so nobody who may start
/// a run can make the system text or call a stranger. A refused request starts no run.
/// </summary>
public sealed class RunPhoneTargetTests : ScriptedRunHostTests
{
    private const string AdaPhone = "+15559990011";
    private HttpClient _bob = null!;

    protected override async Task ArrangeAsync()
    {
        _bob = await Channels.UserAsync("bob", "member");
        await _bob.CreateObjectAsync("Counter", Scripts.V1Files());
        await Channels.VerifyPhoneAsync(Ada, AdaPhone);
        Models.AcceptFirstTry();
    }

    [Theory]
    [InlineData("sms", "+15551234567")]
    [InlineData("voice", "+15551234567")]
    public async Task Run_NotifyByPhoneToAnotherNumber_Returns400NamingTheTargetAndStartsNothing(string channel, string target)
    {
        var answer = await Ada.PostAsJsonAsync("/api/objects/Calculator/modifications",
            new { prompt = "add a multiply method", notify = new { channel, target } });

        var problem = await answer.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("own verified phone", problem["errors"]!["notify.target"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await Channels.Host.Admin().GetJsonAsync("/api/runs"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Run_NotifyByPhoneWithoutAVerifiedPhone_Returns400SayingHowToVerifyAndStartsNothing()
    {
        var answer = await _bob.PostAsJsonAsync("/api/objects/Counter/modifications",
            new { prompt = "add a reset method", notify = new { channel = "sms", target = AdaPhone } });

        var problem = await answer.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("PUT /api/me/phone", problem["errors"]!["notify.target"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await Channels.Host.Admin().GetJsonAsync("/api/runs"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Run_NotifyByPhoneToTheRequestersOwnNumberWrittenOtherwise_Starts()
    {
        var answer = await Ada.PostAsJsonAsync("/api/objects/Calculator/modifications",
            new { prompt = "add a multiply method", notify = new { channel = "sms", target = "(555) 999-0011" } });

        await answer.ExpectAsync(HttpStatusCode.Accepted);
        var runId = (await answer.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();
        Assert.NotEmpty(runId);
    }
}
