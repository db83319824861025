using DurableObjects.AI.Configuration;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Commands;

/// <summary>Runs started by text count against the sender's hourly bound like any other start, and the reply says when to come back.</summary>
public sealed class SmsRunLimitTests : IAsyncLifetime
{
    private const string Phone = "+15559990003";
    private readonly ScriptedModels _models = new();
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync(
            settings: new Dictionary<string, string?> { ["DurableObjects:Pipeline:MaxRunsPerUserPerHour"] = "1" },
            services: s => s.AddSingleton<IChatClientFactory>(_models));
        var owner = await _channels.UserAsync("ada", "member");
        await owner.CreateObjectAsync("Calculator", Scripts.V1Files());
        await _channels.VerifyPhoneAsync(owner, Phone);
        _models.AcceptFirstTry();
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task ModifyBySms_PastTheHourlyBound_ReplySaysWhenTheNextCanStartAndStartsNothing()
    {
        var first = await _channels.SmsAsync(Phone, "modify Calculator add a multiply method");
        var second = await _channels.SmsAsync(Phone, "modify Calculator add a divide method");

        Assert.StartsWith("Changing Calculator", first, StringComparison.Ordinal);
        Assert.StartsWith("Couldn't modify Calculator: You have started 1 runs within the last hour", second, StringComparison.Ordinal);
        Assert.Contains("the next can start in about 60 minutes", second, StringComparison.Ordinal);
        var runs = await _channels.Host.Admin().GetJsonAsync("/api/runs");
        Assert.Single(runs["items"]!.AsArray());
    }
}
