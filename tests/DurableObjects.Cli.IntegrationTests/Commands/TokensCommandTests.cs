using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DurableObjects.Cli.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Commands;

/// <summary>
/// <c>dobj tokens list|create|revoke</c> against the real host: a new token is printed once and works; a revoked one is
/// refused at once; unknown and malformed ids get clear messages and revoke nothing.
/// </summary>
public sealed class TokensCommandTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task TokensCreate_PrintsTheTokenAloneOnceWithAWarning_AndTheTokenWorks()
    {
        using var cli = await MemberShellAsync();
        var name = Objects.UniqueName("laptop");

        var created = await cli.RunAsync("tokens", "create", "--name", name);
        var token = created.Out.Trim();
        using var withNewToken = new Shell(fixture.Host.BaseAddress, token);
        var list = await withNewToken.RunAsync("tokens", "list");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches("^do_[A-Za-z0-9_-]+$", token);
        Assert.Contains("will not be shown again", created.Error);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(name, list.Out);
        Assert.DoesNotContain(token, list.Out + list.Error);
    }

    [Fact]
    public async Task TokensRevoke_TheTokenInUse_RevokedAndTheNextCommandIsRefused()
    {
        using var cli = await MemberShellAsync();
        var created = JsonNode.Parse((await cli.RunAsync("tokens", "create", "--name", "temporary", "--json")).Out)!;
        using var temporary = new Shell(fixture.Host.BaseAddress, created["token"]!.GetValue<string>());
        var id = created["tokenId"]!.GetValue<string>();

        var revoke = await temporary.RunAsync("tokens", "revoke", id);
        var next = await temporary.RunAsync("tokens", "list");
        var listed = await cli.RunAsync("tokens", "list", "--json");

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Contains($"Revoked token {id}", revoke.Out);
        Assert.Equal(ExitCodes.Unavailable, next.ExitCode);
        Assert.Contains("Authentication required", next.Error);
        Assert.DoesNotContain(JsonNode.Parse(listed.Out)!["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task TokensRevoke_TheTokenInUse_FirstAnswerLost_RetryRefusedWithItButReportedAsRevoked()
    {
        using var cli = await MemberShellAsync();
        var created = JsonNode.Parse((await cli.RunAsync("tokens", "create", "--name", "temporary", "--json")).Out)!;
        using var temporary = new Shell(fixture.Host.BaseAddress, created["token"]!.GetValue<string>());
        var id = created["tokenId"]!.GetValue<string>();
        var log = new ConcurrentQueue<RecordedRequest>();
        temporary.Handler = () => new RecordingHandler(log) { LoseFirstAnswer = r => r.Method == HttpMethod.Delete };

        // The first DELETE revokes the token the request signs in with; its answer is lost, and the retry (signed
        // with the now revoked token) gets 401. The revoke happened: the command says so and exits 0.
        var revoke = await temporary.RunAsync("tokens", "revoke", id);
        var listed = await cli.RunAsync("tokens", "list", "--json");

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Contains($"Revoked token {id}, the one this CLI signs in with", revoke.Out);
        Assert.Equal(2, log.Count(r => r.Method == "DELETE"));
        Assert.DoesNotContain(JsonNode.Parse(listed.Out)!["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task TokensRevoke_AnotherTokenWhileSignedInWithARevokedOne_StillRefused()
    {
        // The other side of the test above: a 401 on the first attempt, or for a token other than the one in use, is
        // still the failure it is.
        using var cli = await MemberShellAsync();
        var first = JsonNode.Parse((await cli.RunAsync("tokens", "create", "--name", "first", "--json")).Out)!;
        var second = JsonNode.Parse((await cli.RunAsync("tokens", "create", "--name", "second", "--json")).Out)!;
        using var signedIn = new Shell(fixture.Host.BaseAddress, first["token"]!.GetValue<string>());
        Assert.Equal(0, (await cli.RunAsync("tokens", "revoke", first["tokenId"]!.GetValue<string>())).ExitCode);

        var own = await signedIn.RunAsync("tokens", "revoke", first["tokenId"]!.GetValue<string>());
        var other = await signedIn.RunAsync("tokens", "revoke", second["tokenId"]!.GetValue<string>());

        Assert.Equal(ExitCodes.Unavailable, own.ExitCode);
        Assert.Equal(ExitCodes.Unavailable, other.ExitCode);
        Assert.Contains("Authentication required", other.Error);
    }

    [Fact]
    public async Task TokensRevoke_UnknownOrSomeoneElsesId_NoSuchTokenExitThreeAndNothingRevoked()
    {
        using var cli = await MemberShellAsync();
        var adminsId = JsonNode.Parse((await Shell.For(fixture.Host).RunAsync("tokens", "list", "--json")).Out)!["items"]!.AsArray()[0]!["id"]!.GetValue<string>();

        var unknown = await cli.RunAsync("tokens", "revoke", "0123456789ab");
        var others = await cli.RunAsync("tokens", "revoke", adminsId);
        var admin = await Shell.For(fixture.Host).RunAsync("tokens", "list", "--json");

        Assert.Equal(ExitCodes.Refused, unknown.ExitCode);
        Assert.Contains("error: No such token", unknown.Error);
        Assert.Contains("You have no token '0123456789ab'.", unknown.Error);
        Assert.Contains("dobj tokens list", unknown.Error);
        Assert.Equal(ExitCodes.Refused, others.ExitCode);
        Assert.Contains("No such token", others.Error);
        Assert.Contains(JsonNode.Parse(admin.Out)!["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == adminsId);
    }

    [Theory]
    [InlineData("do_notanid")]
    [InlineData("0123456789AB")]
    [InlineData("abc")]
    public async Task TokensRevoke_MalformedId_UsageExitTwoAndNothingSent(string id)
    {
        using var cli = await MemberShellAsync();
        var log = new ConcurrentQueue<RecordedRequest>();
        cli.Handler = () => new RecordingHandler(log);

        var revoke = await cli.RunAsync("tokens", "revoke", id);

        Assert.Equal(ExitCodes.Usage, revoke.ExitCode);
        Assert.Contains("Not a token id", revoke.Error);
        Assert.Empty(log);
    }

    [Fact]
    public async Task TokensListAndRevoke_AdminWithUser_SeesAndRevokesAMembersToken()
    {
        var user = Objects.UniqueName("m");
        var memberToken = await fixture.Host.Admin().CreateUserAsync(user, "member");
        using var admin = Shell.For(fixture.Host);
        using var member = new Shell(fixture.Host.BaseAddress, memberToken);

        var list = await admin.RunAsync("tokens", "list", "--user", user, "--json");
        var id = JsonNode.Parse(list.Out)!["items"]!.AsArray().Single()!["id"]!.GetValue<string>();
        var revoke = await admin.RunAsync("tokens", "revoke", id, "--user", user);
        var refused = await member.RunAsync("tokens", "list");

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal(ExitCodes.Unavailable, refused.ExitCode);
    }

    /// <summary>A shell logged in as a new member of its own (the host is shared by the class's tests).</summary>
    private async Task<Shell> MemberShellAsync()
    {
        var token = await fixture.Host.Admin().CreateUserAsync(Objects.UniqueName("u"), "member");
        return new Shell(fixture.Host.BaseAddress, token);
    }
}
