using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DurableObjects.Cli.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Commands;

/// <summary><c>dobj monitors create</c>: the API's fields from the command line; bad input is refused and creates nothing.</summary>
public sealed class MonitorsCommandTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task MonitorsCreate_ProposeAfterFive_CreatedAndListedWithItsAction()
    {
        using var cli = Shell.For(fixture.Host);
        var name = Objects.UniqueName("watch");

        var created = await cli.RunAsync("monitors", "create", "--event", "run.failed", "--name", name, "--when", "reason=timeout",
            "--channel", "email", "--target", "ops@example.com", "--action", "propose", "--propose-after", "5", "--json");
        var list = await cli.RunAsync("monitors", "list", "--json");
        var table = await cli.RunAsync("monitors", "list");

        Assert.True(created.ExitCode == 0, created.ToString());
        var id = JsonNode.Parse(created.Out)!["id"]!.GetValue<string>();
        var listed = JsonNode.Parse(list.Out)!["items"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("propose", listed["action"]!.GetValue<string>());
        Assert.Equal(5, listed["proposeAfter"]!.GetValue<int>());
        Assert.Equal("timeout", listed["conditions"]!["reason"]!.GetValue<string>());
        Assert.Equal("ops@example.com", listed["target"]!.GetValue<string>());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Action", table.Out);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("delete")]
    public async Task MonitorsAct_FirstAnswerLost_RetriedWithTheSameKeyAndAnsweredAsTheFirst(string verb)
    {
        using var cli = Shell.For(fixture.Host);
        var created = await cli.RunAsync("monitors", "create", "--event", "run.failed", "--channel", "email", "--target", "ops@example.com", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = JsonNode.Parse(created.Out)!["id"]!.GetValue<string>();
        var log = new ConcurrentQueue<RecordedRequest>();
        cli.Handler = () => new RecordingHandler(log) { LoseFirstAnswer = r => r.Method != HttpMethod.Get };

        // Without the key the retry would meet a monitor already deleted (404), and the command would fail although it worked.
        var acted = await cli.RunAsync("monitors", verb, id);

        Assert.True(acted.ExitCode == 0, acted.ToString());
        var sent = log.Where(r => r.Method != "GET").ToList();
        Assert.Equal(2, sent.Count);
        Assert.True(Guid.TryParse(sent[0].IdempotencyKey, out _));
        Assert.Equal(sent[0].IdempotencyKey, sent[1].IdempotencyKey);
        var listed = JsonNode.Parse((await cli.RunAsync("monitors", "list", "--json")).Out)!["items"]!.AsArray().SingleOrDefault(m => m!["id"]!.GetValue<string>() == id);
        if (verb == "delete")
        {
            Assert.Null(listed);
        }
        else
        {
            Assert.False(listed!["enabled"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task Invoke_ConnectionFails_SentOnceWithoutAKey()
    {
        using var cli = Shell.For(fixture.Host);
        var log = new ConcurrentQueue<RecordedRequest>();
        cli.Handler = () => new RecordingHandler(log) { DropFirst = r => r.Method == HttpMethod.Post };

        // An object's method may not be safe to repeat, and invocations are outside the Idempotency-Key layer.
        var invoke = await cli.RunAsync("invoke", Objects.UniqueName("Calc"), "Add", "--arg", "a=1");

        Assert.Equal(ExitCodes.Unavailable, invoke.ExitCode);
        var post = Assert.Single(log, r => r.Method == "POST");
        Assert.Null(post.IdempotencyKey);
    }

    [Fact]
    public async Task MonitorsCreate_TableOutput_SaysWhatWasCreated()
    {
        using var cli = Shell.For(fixture.Host);

        var created = await cli.RunAsync("monitors", "create", "--event", "object.*", "--channel", "email", "--target", "ops@example.com");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("Created monitor", created.Out);
        Assert.Contains("object.* -> notify via email", created.Out);
    }

    [Fact]
    public async Task MonitorsCreate_ConditionWithoutValue_UsageErrorAndNothingCreated()
    {
        using var cli = Shell.For(fixture.Host);
        var before = await CountAsync(cli);

        var result = await cli.RunAsync("monitors", "create", "--event", "run.failed", "--when", "reason");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Not a field=value condition", result.Error);
        Assert.Equal(before, await CountAsync(cli));
    }

    [Fact]
    public async Task MonitorsCreate_UnknownAction_RefusedByTheServerAndNothingCreated()
    {
        using var cli = Shell.For(fixture.Host);
        var before = await CountAsync(cli);

        var result = await cli.RunAsync("monitors", "create", "--event", "run.failed", "--channel", "email", "--target", "ops@example.com", "--action", "explode");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("action", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountAsync(cli));
    }

    [Fact]
    public async Task MonitorsCreate_WithoutEvent_UsageError()
    {
        using var cli = Shell.For(fixture.Host);

        var result = await cli.RunAsync("monitors", "create", "--channel", "email");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--event", result.Error);
    }

    private static async Task<int> CountAsync(Shell cli)
    {
        var list = await cli.RunAsync("monitors", "list", "--json");
        return JsonNode.Parse(list.Out)!["items"]!.AsArray().Count;
    }
}
