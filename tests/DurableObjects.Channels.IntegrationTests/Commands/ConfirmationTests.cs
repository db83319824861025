using DurableObjects.AI.Configuration;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Commands;

/// <summary>
/// Free text goes to the model; an unsure reading is a question, not an action: the command waits (in Table
/// Storage) for "yes", and "no" drops it.
/// </summary>
public sealed class ConfirmationTests : IAsyncLifetime
{
    private const string Phone = "+15553330001";
    private readonly ScriptedModels _models = new();
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync(services: s => s.AddSingleton<IChatClientFactory>(_models));
        var owner = await _channels.UserAsync("ada", "member");
        await owner.CreateObjectAsync("Calculator");
        await _channels.VerifyPhoneAsync(owner, Phone);
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    private void ModelReadsDeployWithLowConfidence() =>
        _models.Planner.Enqueue("""{"intent":"deploy","name":"Calculator","environment":"staging","confidence":0.55}""");

    [Fact]
    public async Task LowConfidence_AsksFirst_YesRunsTheCommand()
    {
        ModelReadsDeployWithLowConfidence();

        var question = await _channels.SmsAsync(Phone, "could u push the calc thing out to staging pls");

        Assert.Equal("Did you mean: deploy Calculator to staging? Reply YES to confirm or NO to cancel.", question);
        Assert.Empty((await _channels.ObjectAsync("Calculator"))["deployments"]!.AsObject());
        Assert.Contains(_models.Planner.Requests.Single().Messages, m => m.Text.Contains("push the calc thing", StringComparison.Ordinal));

        var done = await _channels.SmsAsync(Phone, "Yes!");

        Assert.Equal("Deployed Calculator v1 to staging.", done);
        Assert.Single(_models.Planner.Requests);
        Assert.Equal(1, (await _channels.ObjectAsync("Calculator"))["deployments"]!["staging"]!["version"]!.GetValue<int>());
        Assert.StartsWith("There's nothing waiting", await _channels.SmsAsync(Phone, "yes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowConfidence_No_CancelsAndNothingChanges()
    {
        ModelReadsDeployWithLowConfidence();
        await _channels.SmsAsync(Phone, "could u push the calc thing out to staging pls");
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var reply = await _channels.SmsAsync(Phone, "no");

        Assert.Equal("OK, cancelled: deploy Calculator to staging.", reply);
        var after = await StorageSnapshot.TakeAsync(_channels.Host);
        Assert.Equal(Rows(before).Where(r => !r.Contains("PendingCommands", StringComparison.Ordinal)), Rows(after));
        Assert.Empty((await _channels.ObjectAsync("Calculator"))["deployments"]!.AsObject());
    }

    [Fact]
    public async Task LowConfidence_AnotherCommandInstead_DropsTheQuestion()
    {
        ModelReadsDeployWithLowConfidence();
        await _channels.SmsAsync(Phone, "could u push the calc thing out to staging pls");

        Assert.StartsWith("Objects: Calculator", await _channels.SmsAsync(Phone, "list objects"), StringComparison.Ordinal);
        Assert.StartsWith("There's nothing waiting", await _channels.SmsAsync(Phone, "yes"), StringComparison.Ordinal);
        Assert.Empty((await _channels.ObjectAsync("Calculator"))["deployments"]!.AsObject());
    }

    [Fact]
    public async Task Question_SurvivesARestart_YesOnTheNewHostRunsIt()
    {
        ModelReadsDeployWithLowConfidence();
        await _channels.SmsAsync(Phone, "could u push the calc thing out to staging pls");
        var prefix = _channels.Host.Prefix;
        await _channels.DisposeAsync();

        _channels = await ChannelsHost.StartAsync(services: s => s.AddSingleton<IChatClientFactory>(_models), prefix: prefix);
        var done = await _channels.SmsAsync(Phone, "yes");

        Assert.Equal("Deployed Calculator v1 to staging.", done);
        Assert.Single(_models.Planner.Requests);
    }

    [Fact]
    public async Task HighConfidence_RunsAtOnce()
    {
        _models.Planner.Enqueue("""{"intent":"info","name":"Calculator","confidence":0.97}""");

        var reply = await _channels.SmsAsync(Phone, "Calculator, anything new there?");

        Assert.StartsWith("Calculator: v1 (draft), not deployed", reply, StringComparison.Ordinal);
    }

    private static List<string> Rows(string snapshot) => snapshot.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
}
