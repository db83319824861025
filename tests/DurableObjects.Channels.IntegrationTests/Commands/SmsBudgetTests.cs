using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DurableObjects.AI.Configuration;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Commands;

/// <summary>A change by SMS on an object with a token budget: the reply names the budget, the result text the spend.</summary>
public sealed partial class SmsBudgetTests : IAsyncLifetime
{
    private const string Phone = "+15559990002";
    private readonly ScriptedModels _models = new();
    private ChannelsHost _channels = null!;
    private HttpClient _owner = null!;

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync(services: s => s.AddSingleton<IChatClientFactory>(_models));
        _owner = await _channels.UserAsync("ada", "member");
        await _owner.CreateObjectAsync("Calculator", Scripts.V1Files());
        await (await _owner.PutAsJsonAsync("/api/objects/Calculator/pipeline-policy", new { maxTokens = 250 })).ExpectAsync(HttpStatusCode.OK);
        await _channels.VerifyPhoneAsync(_owner, Phone);
        _models.AcceptFirstTry();
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task ModifyBySms_ObjectBudgetSpent_ReplyNamesTheBudgetAndTheResultTextsTheSpend()
    {
        var ack = await _channels.SmsAsync(Phone, "modify Calculator add a multiply method");

        Assert.Matches(RunIdPattern(), ack);
        Assert.Contains("Budget: at most 250 tokens.", ack, StringComparison.Ordinal);
        var done = await _channels.Twilio.WaitForAsync(
            r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal) && r.FormValue("To") == Phone && r.FormValue("Body").Contains("Changing Calculator:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(120));
        Assert.Contains("stopped, budget spent", done.FormValue("Body"), StringComparison.Ordinal);
        Assert.Contains("tokens 300 of 250", done.FormValue("Body"), StringComparison.Ordinal);
        Assert.Equal(1, (await _channels.ObjectAsync("Calculator"))["latestVersion"]!.GetValue<int>());
    }

    [GeneratedRegex(@"\(run ([0-9a-f]{32})\)")]
    private static partial Regex RunIdPattern();
}
