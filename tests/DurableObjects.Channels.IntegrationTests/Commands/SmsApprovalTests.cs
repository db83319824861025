using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DurableObjects.AI.Configuration;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Commands;

/// <summary>A change that waits for a human: modify by SMS, approve by SMS (as the owner), the result comes back by SMS.</summary>
public sealed partial class SmsApprovalTests : IAsyncLifetime
{
    private const string Phone = "+15559990001";
    private readonly ScriptedModels _models = new();
    private ChannelsHost _channels = null!;
    private HttpClient _owner = null!;

    public async Task InitializeAsync()
    {
        // The owner asks by SMS and approves by SMS: a host that allows self-approval (off by default).
        _channels = await ChannelsHost.StartAsync(settings: new Dictionary<string, string?> { ["DurableObjects:Pipeline:AllowSelfApproval"] = "true" },
            services: s => s.AddSingleton<IChatClientFactory>(_models));
        _owner = await _channels.UserAsync("ada", "member");
        await _owner.CreateObjectAsync("Calculator", new Dictionary<string, string> { ["Calculator.cs"] = Api.CalculatorV1, ["Tests/CalculatorTests.cs"] = TestsV1 });
        await (await _owner.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { requireApproval = true })).ExpectAsync(HttpStatusCode.OK);
        await _channels.VerifyPhoneAsync(_owner, Phone);
        _models.Planner.Enqueue("""
            {"summary":"Add a Multiply method.","steps":["Add Multiply(a, b)","Test it"],"filesToChange":["Calculator.cs"],
             "checksNeeded":["Preference"],"apiChanges":[{"method":"Multiply","kind":"Add","description":"new method"}],"breakingChanges":[]}
            """);
        _models.Generator.EnqueueJson(new
        {
            files = new[] { new { path = "Calculator.cs", content = CalculatorV2 } },
            summary = "Adds Multiply.",
            approach = "A one-line method.",
            risks = Array.Empty<string>(),
            tests = new[] { new { path = "Tests/CalculatorTests.cs", content = TestsV2 } },
        });
        _models.Judge.Fallback = _ => _models.Judge.Response("""
            {"readability":0.9,"maintainability":0.9,"elegance":0.9,"documentation":0.9,"overallScore":0.9,"rationale":"Fine.","issues":[],"recommendations":[]}
            """);
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task ModifyThenApproveBySms_CommitsAndTextsTheResult()
    {
        var ack = await _channels.SmsAsync(Phone, "modify Calculator add a multiply method");

        var runId = RunIdPattern().Match(ack).Groups[1].Value;
        Assert.StartsWith("Changing Calculator (run ", ack, StringComparison.Ordinal);
        await WaitForStatusAsync(runId, "awaiting_approval");

        var approved = await _channels.SmsAsync(Phone, $"Approve {runId.ToUpperInvariant()}");

        Assert.Equal($"Approved run {runId} of Calculator.", approved);
        var done = await _channels.Twilio.WaitForAsync(
            r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal) && r.FormValue("To") == Phone && r.FormValue("Body").Contains("Changing Calculator:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(120));
        Assert.Contains("done: version 2", done.FormValue("Body"), StringComparison.Ordinal);
        Assert.Equal(2, (await _channels.ObjectAsync("Calculator"))["latestVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task ModifyThenRejectBySms_NoNewVersion()
    {
        var runId = RunIdPattern().Match(await _channels.SmsAsync(Phone, "modify Calculator add a multiply method")).Groups[1].Value;
        await WaitForStatusAsync(runId, "awaiting_approval");

        var rejected = await _channels.SmsAsync(Phone, $"reject {runId} because not now");

        Assert.Equal($"Rejected run {runId} of Calculator.", rejected);
        await WaitForStatusAsync(runId, "rejected");
        Assert.Equal(1, (await _channels.ObjectAsync("Calculator"))["latestVersion"]!.GetValue<int>());
    }

    private async Task WaitForStatusAsync(string runId, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var run = await _owner.GetJsonAsync($"/api/runs/{runId}");
            if (run["status"]!.GetValue<string>() == status)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < until, $"Run {runId} did not reach {status}: {run.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"\(run ([0-9a-f]{32})\)")]
    private static partial Regex RunIdPattern();

    private const string TestsV1 = """
        namespace Samples;

        public class CalculatorTests
        {
            public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;
        }
        """;

    private const string CalculatorV2 = """
        namespace Samples;

        /// <summary>Adds and multiplies numbers.</summary>
        public class Calculator
        {
            /// <summary>The sum of two numbers.</summary>
            public int Add(int a, int b) => a + b;

            /// <summary>The product of two numbers.</summary>
            public int Multiply(int a, int b) => a * b;
        }
        """;

    private const string TestsV2 = """
        namespace Samples;

        public class CalculatorTests
        {
            public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;

            public bool MultipliesNumbers() => new Calculator().Multiply(4, 5) == 20;
        }
        """;
}
