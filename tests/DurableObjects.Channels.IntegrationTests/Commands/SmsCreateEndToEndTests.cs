using DurableObjects.AI.Configuration;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Commands;

/// <summary>
/// The whole phone loop: an SMS asks for a new object, the reply acknowledges the run at once, the run (scripted
/// model, real gates in real runners) creates it, and the completion SMS reaches Twilio's API.
/// </summary>
public sealed class SmsCreateEndToEndTests : IAsyncLifetime
{
    private const string Phone = "+15558880001";
    private readonly ScriptedModels _models = new();
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync(services: s => s.AddSingleton<IChatClientFactory>(_models));
        await _channels.VerifyPhoneAsync(await _channels.UserAsync("ada", "member"), Phone);
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task SmsCreate_AcknowledgesAtOnce_CompletionSmsReachesTwilio()
    {
        ScriptAcceptedCreation();

        var ack = await _channels.SmsAsync(Phone, "create Calculator a calculator that adds two numbers");

        Assert.Matches(@"^Creating Calculator \(run [^)]+\)\. I'll text you when it's done\.$", ack);
        var completion = await _channels.Twilio.WaitForAsync(
            r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal) && r.FormValue("To") == Phone && r.FormValue("Body").Contains("Creating Calculator:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(120));
        Assert.Contains("done: version 1", completion.FormValue("Body"), StringComparison.Ordinal);
        Assert.Equal(TwilioStandIn.PhoneNumber, completion.FormValue("From"));
        var calculator = await _channels.ObjectAsync("Calculator");
        Assert.Equal("ada", calculator["owner"]!.GetValue<string>());
        Assert.Contains("Calculator: ", await _channels.SmsAsync(Phone, "info Calculator"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmsCreate_ByViewer_RefusedWithoutStartingARun()
    {
        const string viewerPhone = "+15558880002";
        await _channels.VerifyPhoneAsync(await _channels.UserAsync("val", "viewer"), viewerPhone);

        var reply = await _channels.SmsAsync(viewerPhone, "create Calculator a calculator that adds two numbers");

        Assert.Contains("can only read", reply, StringComparison.Ordinal);
        Assert.Empty(_models.Planner.Requests);
    }

    private void ScriptAcceptedCreation()
    {
        _models.Planner.EnqueueJson(new
        {
            summary = "A calculator that adds two numbers.",
            files = new[] { new { path = "Calculator.cs", purpose = "The calculator" } },
            api = new
            {
                className = "Calculator",
                methods = new[] { new { name = "Add", returnType = "int", parameters = new[] { new { name = "a", type = "int" }, new { name = "b", type = "int" } } } },
            },
            approach = "Return a + b.",
            checksNeeded = Array.Empty<string>(),
        });
        _models.Generator.EnqueueJson(new
        {
            files = new[] { new { path = "Calculator.cs", content = Api.CalculatorV1 } },
            summary = "Adds two numbers.",
            approach = "One method.",
            risks = Array.Empty<string>(),
            tests = new[] { new { path = "Tests/CalculatorTests.cs", content = CalculatorTests } },
        });
        _models.Judge.Fallback = _ => _models.Judge.Response("""
            {"readability":0.9,"maintainability":0.9,"elegance":0.9,"documentation":0.9,"overallScore":0.9,"rationale":"Fine.","issues":[],"recommendations":[]}
            """);
    }

    [Fact]
    public async Task VoiceCreate_AcknowledgesAtOnce_CompletionIsACall()
    {
        ScriptAcceptedCreation();

        var twiml = await _channels.VoiceAsync("/webhooks/voice/command", Phone, "Create Calculator, a calculator that adds two numbers.");

        var said = twiml.Root!.Element("Say")!.Value;
        Assert.Equal("Creating Calculator. I'll call you when it's done.", said);
        var call = await _channels.Twilio.WaitForAsync(r => r.Path.EndsWith("/Calls.json", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        Assert.Equal(Phone, call.FormValue("To"));
        Assert.Equal(TwilioStandIn.PhoneNumber, call.FormValue("From"));
        Assert.Contains("<Say", call.FormValue("Twiml"), StringComparison.Ordinal);
        Assert.Contains("Creating Calculator", call.FormValue("Twiml"), StringComparison.Ordinal);
    }

    private const string CalculatorTests = """
        namespace Samples;

        public class CalculatorTests
        {
            public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;
        }
        """;
}
