using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DurableObjects.Cli.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Commands;

/// <summary>
/// <c>dobj users list|create|set-role|disable|enable</c> against the real host: a new user's token is printed once and
/// works; a disabled user's next command is refused saying why, and works again once enabled; a promoted member can
/// manage users at once; refusals by the server exit 3 with its reason, malformed ids and roles exit 2 sending nothing.
/// </summary>
public sealed class UsersCommandTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task UsersCreate_PrintsTheFirstTokenAloneOnce_TheTokenWorksAndListShowsTheUser()
    {
        using var admin = Shell.For(fixture.Host);
        var name = Objects.UniqueName("v");

        var created = await admin.RunAsync("users", "create", name, "--role", "viewer");
        var token = created.Out.Trim();
        using var asNewUser = new Shell(fixture.Host.BaseAddress, token);
        var theirs = await asNewUser.RunAsync("tokens", "list");
        var list = await admin.RunAsync("users", "list");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches("^do_[A-Za-z0-9_-]+$", token);
        Assert.Contains("will not be shown again", created.Error);
        Assert.True(theirs.ExitCode == 0, theirs.ToString());
        Assert.Contains(list.Out.Split('\n'), line => line.Contains(name, StringComparison.Ordinal) && line.Contains("viewer", StringComparison.Ordinal)
            && line.Contains("enabled", StringComparison.Ordinal));
        Assert.DoesNotContain(token, list.Out + list.Error);
    }

    [Fact]
    public async Task UsersDisableThenEnable_TheUsersNextCommandIsRefusedSayingWhy_ThenTheSameTokenWorksAgain()
    {
        var name = Objects.UniqueName("m");
        using var member = new Shell(fixture.Host.BaseAddress, await fixture.Host.Admin().CreateUserAsync(name, "member"));
        using var admin = Shell.For(fixture.Host);
        var before = await member.RunAsync("tokens", "list");

        var disable = await admin.RunAsync("users", "disable", name);
        var refused = await member.RunAsync("tokens", "list");
        var listed = JsonNode.Parse((await admin.RunAsync("users", "list", "--json")).Out)!.AsArray();
        var enable = await admin.RunAsync("users", "enable", name);
        var after = await member.RunAsync("tokens", "list");

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.True(disable.ExitCode == 0, disable.ToString());
        Assert.Contains($"Disabled {name}", disable.Out);
        Assert.Contains($"dobj users enable {name}", disable.Out);
        Assert.Equal(ExitCodes.Unavailable, refused.ExitCode);
        Assert.Contains("error: Account disabled", refused.Error);
        Assert.Contains($"'{name}' is disabled", refused.Error);
        Assert.DoesNotContain("Log in again", refused.Error);
        Assert.True(listed.Single(u => u!["id"]!.GetValue<string>() == name)!["disabled"]!.GetValue<bool>());
        Assert.True(enable.ExitCode == 0, enable.ToString());
        Assert.Contains($"Enabled {name}", enable.Out);
        Assert.True(after.ExitCode == 0, after.ToString());
    }

    [Fact]
    public async Task UsersSetRole_MemberToAdmin_TheyCanListUsersAtOnce()
    {
        var name = Objects.UniqueName("m");
        using var member = new Shell(fixture.Host.BaseAddress, await fixture.Host.Admin().CreateUserAsync(name, "member"));
        using var admin = Shell.For(fixture.Host);

        var before = await member.RunAsync("users", "list");
        var promote = await admin.RunAsync("users", "set-role", name, "admin");
        var after = await member.RunAsync("users", "list");

        Assert.Equal(ExitCodes.Refused, before.ExitCode);
        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.Contains($"{name} is now an admin.", promote.Out);
        Assert.True(after.ExitCode == 0, after.ToString());
    }

    [Fact]
    public async Task UsersSetRoleDisableEnable_FirstAttemptLost_EachChangeHasItsOwnKeyAndItsRetryTheSameOne()
    {
        var name = Objects.UniqueName("m");
        await fixture.Host.Admin().CreateUserAsync(name, "member");
        using var admin = Shell.For(fixture.Host);
        var log = new ConcurrentQueue<RecordedRequest>();
        admin.Handler = () => new RecordingHandler(log) { DropFirst = r => r.Method == HttpMethod.Patch };

        var promote = await admin.RunAsync("users", "set-role", name, "viewer");
        var disable = await admin.RunAsync("users", "disable", name);
        var enable = await admin.RunAsync("users", "enable", name);

        Assert.True(promote.ExitCode == 0 && disable.ExitCode == 0 && enable.ExitCode == 0, promote + "\n" + disable + "\n" + enable);
        var keys = log.Where(r => r.Method == "PATCH").Select(r => r.IdempotencyKey).ToList();
        // Each command (its own handler) loses its first attempt and sends it again with the same key.
        Assert.Equal(6, keys.Count);
        Assert.All(keys, key => Assert.True(Guid.TryParse(key, out _), key));
        Assert.Equal(new[] { keys[0], keys[2], keys[4] }, new[] { keys[1], keys[3], keys[5] });
        Assert.Equal(3, keys.Distinct().Count());
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("set-role")]
    public async Task Users_DisableOrDemoteYourself_RefusedExitThreeSayingWhyAndNothingChanged(string verb)
    {
        using var admin = Shell.For(fixture.Host);
        string[] args = verb == "disable" ? ["users", "disable", "admin"] : ["users", "set-role", "admin", "member"];

        var refused = await admin.RunAsync(args);
        var still = JsonNode.Parse((await admin.RunAsync("users", "list", "--json")).Out)!.AsArray().Single(u => u!["id"]!.GetValue<string>() == "admin")!;

        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Contains("error: Conflict", refused.Error);
        Assert.Contains("admin", refused.Error);
        Assert.Equal("admin", still["role"]!.GetValue<string>());
        Assert.False(still["disabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Users_UnknownId_NoSuchUserExitThree_AndAMemberIsRefusedExitThree()
    {
        using var admin = Shell.For(fixture.Host);
        using var member = new Shell(fixture.Host.BaseAddress, await fixture.Host.Admin().CreateUserAsync(Objects.UniqueName("m"), "member"));

        var unknown = await admin.RunAsync("users", "disable", "nobody-at-all");
        var forbidden = await member.RunAsync("users", "disable", "admin");

        Assert.Equal(ExitCodes.Refused, unknown.ExitCode);
        Assert.Contains("error: No such user", unknown.Error);
        Assert.Contains("No user named 'nobody-at-all'.", unknown.Error);
        Assert.Contains("dobj users list", unknown.Error);
        Assert.Equal(ExitCodes.Refused, forbidden.ExitCode);
        Assert.Contains("Forbidden", forbidden.Error);
    }

    [Theory]
    [InlineData("users", "disable", "no spaces")]
    [InlineData("users", "enable", "1abc")]
    [InlineData("users", "set-role", "ada", "god")]
    [InlineData("users", "set-role", "ada!", "viewer")]
    [InlineData("users", "create", "ada/bob")]
    [InlineData("users", "create", "ada", "--role", "owner")]
    public async Task Users_MalformedIdOrRole_UsageExitTwoAndNothingSent(params string[] args)
    {
        using var admin = Shell.For(fixture.Host);
        var log = new ConcurrentQueue<RecordedRequest>();
        admin.Handler = () => new RecordingHandler(log);

        var result = await admin.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Nothing was sent", result.Error);
        Assert.Empty(log);
    }
}
