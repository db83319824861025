using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Channels.IntegrationTests.Commands;

/// <summary>Commands by SMS run as the phone's user with the API's authorization: viewers read, owners change, admins list users.</summary>
public sealed class SmsCommandTests : IAsyncLifetime
{
    private const string OwnerPhone = "+15552220001";
    private const string ViewerPhone = "+15552220002";
    private const string OtherMemberPhone = "+15552220003";
    private const int ReplyLimit = 301;
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync()
    {
        _channels = await ChannelsHost.StartAsync();
        var owner = await _channels.UserAsync("ada", "member");
        await owner.CreateObjectAsync("Calculator");
        await _channels.VerifyPhoneAsync(owner, OwnerPhone);
        await _channels.VerifyPhoneAsync(await _channels.UserAsync("val", "viewer"), ViewerPhone);
        await _channels.VerifyPhoneAsync(await _channels.UserAsync("max", "member"), OtherMemberPhone);
    }

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public async Task ListObjects_ByViewer_ListsThem()
    {
        var reply = await _channels.SmsAsync(ViewerPhone, "List objects.");

        Assert.Equal("Objects: Calculator (v1, draft).", reply);
    }

    [Fact]
    public async Task CountObjects_CountsThem()
    {
        Assert.Equal("There is 1 object (0 deployed).", await _channels.SmsAsync(ViewerPhone, "count objects"));
    }

    [Fact]
    public async Task Info_UnknownAndKnownObject()
    {
        Assert.Contains("no object named Abacus", await _channels.SmsAsync(ViewerPhone, "info Abacus"), StringComparison.Ordinal);
        Assert.Equal("Calculator: v1 (draft), not deployed. Owner ada.", await _channels.SmsAsync(ViewerPhone, "status calculator"));
    }

    [Fact]
    public async Task Deploy_ByOwner_DeploysAndInfoShowsIt()
    {
        var reply = await _channels.SmsAsync(OwnerPhone, "deploy Calculator to staging");

        Assert.Equal("Deployed Calculator v1 to staging.", reply);
        var calculator = await _channels.ObjectAsync("Calculator");
        Assert.Equal(1, calculator["deployments"]!["staging"]!["version"]!.GetValue<int>());
        Assert.Equal("ada", calculator["deployments"]!["staging"]!["deployedBy"]!.GetValue<string>());
        Assert.Contains("Calculator: v1 (deployed), serving staging v1. Owner ada.", await _channels.SmsAsync(OwnerPhone, "info Calculator"), StringComparison.Ordinal);
        var events = await _channels.Host.Admin().GetJsonAsync("/api/events?type=command.executed");
        var executed = Assert.Single(events["items"]!.AsArray());
        Assert.Equal("deploy", executed!["data"]!["intent"]!.GetValue<string>());
        Assert.Equal("sms", executed["data"]!["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deploy_ByViewer_RefusedAndNothingChanges()
    {
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var reply = await _channels.SmsAsync(ViewerPhone, "deploy Calculator");

        Assert.Contains("can only read", reply, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
    }

    [Fact]
    public async Task Deploy_ByMemberWhoIsNotTheOwner_RefusedByTheGrain()
    {
        var reply = await _channels.SmsAsync(OtherMemberPhone, "deploy Calculator");

        Assert.StartsWith("You can't deploy Calculator: Only the owner", reply, StringComparison.Ordinal);
        Assert.Empty((await _channels.ObjectAsync("Calculator"))["deployments"]!.AsObject());
    }

    [Fact]
    public async Task Rollback_WithoutEarlierVersion_SaysSo()
    {
        Assert.Equal("Calculator has no version before v1.", await _channels.SmsAsync(OwnerPhone, "rollback Calculator"));
    }

    [Fact]
    public async Task Rollback_ToEarlierVersion_ByOwner()
    {
        await _channels.Host.Admin().AddVersionAsync("Calculator", Api.CalculatorV1.Replace("a + b", "b + a", StringComparison.Ordinal));

        var reply = await _channels.SmsAsync(OwnerPhone, "rollback Calculator to v1");

        Assert.Equal("Rolled Calculator back to v1.", reply);
        Assert.Equal(1, (await _channels.ObjectAsync("Calculator"))["currentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListUsers_OnlyForAdmins()
    {
        Assert.Equal("Only admins can list users.", await _channels.SmsAsync(OwnerPhone, "list users"));
        var admin = _channels.Host.Admin();
        await _channels.VerifyPhoneAsync(admin, "+15552220009");

        var reply = await _channels.SmsAsync("+15552220009", "list users");

        Assert.Equal("4 users: ada (member), admin (admin), max (member), val (viewer).", reply);
    }

    [Fact]
    public async Task Help_And_Unknown_AndMonitor_AnswerShortly()
    {
        var help = await _channels.SmsAsync(ViewerPhone, "help");
        var unknown = await _channels.SmsAsync(ViewerPhone, "deplyo calculator");
        var monitor = await _channels.SmsAsync(OwnerPhone, "text me when any user signs up");

        Assert.StartsWith("Commands:", help, StringComparison.Ordinal);
        Assert.Contains("deploy <Name> [to <env>]", unknown, StringComparison.Ordinal);
        Assert.StartsWith("OK: I'll text you when any user signs up (monitor ", monitor, StringComparison.Ordinal);
        Assert.All(new[] { help, unknown, monitor }, r => Assert.True(r.Length <= 320, r));
    }

    [Fact]
    public async Task ApproveAndReject_UnknownRun_SayWhy()
    {
        Assert.Equal("Couldn't approve run r-nope: No run with id 'r-nope'.", await _channels.SmsAsync(OwnerPhone, "approve r-nope"));
        Assert.StartsWith("Couldn't reject run r-nope", await _channels.SmsAsync(OwnerPhone, "reject r-nope because too slow"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Modify_WithoutAModel_SaysRunsNeedOneAndChangesNothing()
    {
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var reply = await _channels.SmsAsync(OwnerPhone, "modify Calculator add a square root");

        Assert.StartsWith("Couldn't modify Calculator:", reply, StringComparison.Ordinal);
        Assert.True(reply.Length <= ReplyLimit, reply);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
    }

    [Fact]
    public async Task Monitor_ByText_CreatesAMonitorOnTheCallersVerifiedPhone()
    {
        var reply = await _channels.SmsAsync(OwnerPhone, "Text me when Calculator fails.");

        Assert.StartsWith("OK: I'll text you when ", reply, StringComparison.Ordinal);
        var monitors = await _channels.Host.Admin().GetJsonAsync("/api/monitors?owner=ada");
        var monitor = Assert.Single(monitors["items"]!.AsArray())!;
        Assert.Equal("sms", monitor["channel"]!.GetValue<string>());
        Assert.Equal(OwnerPhone, monitor["target"]!.GetValue<string>());
        Assert.Equal("ada", monitor["owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task Monitor_ByText_RefusedDefinition_SaysWhatToChange()
    {
        var reply = await _channels.SmsAsync(OwnerPhone, "email me when any deploy fails");

        Assert.StartsWith("Couldn't set up that alert: An email address is needed", reply, StringComparison.Ordinal);
        Assert.True(reply.Length <= ReplyLimit, reply);
    }

    [Fact]
    public async Task YesWithoutQuestion_SaysNothingIsWaiting()
    {
        Assert.StartsWith("There's nothing waiting", await _channels.SmsAsync(OwnerPhone, "yes"), StringComparison.Ordinal);
    }
}
