using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Cli.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Commands;

/// <summary>Runs followed, approved, shown and watched from the CLI; the event stream's fallback; Idempotency-Key on the wire.</summary>
public sealed class RunsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Push_RequireApprovalAndApproveWhenReady_ApprovedAndCommitted()
    {
        var (cli, name) = await PulledAsync();
        using var _ = cli;
        await EditAsync(cli);

        var push = await cli.RunAsync("push", "calc", "--no-deploy", "--require-approval", "--approve-when-ready");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("approved (--approve-when-ready)", push.Out);
        Assert.Contains("✓ approval", push.Out);
        Assert.Equal(2, (await fixture.Host.Admin().GetJsonAsync($"/api/objects/{name}"))["currentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task RunsWatchAndShow_RejectedRun_ExitOneWithReasons()
    {
        var name = Objects.UniqueName("Calc");
        var admin = fixture.Host.Admin();
        await admin.CreateCalculatorAsync(name);
        var files = new Dictionary<string, string> { ["Calculator.cs"] = Scripts.CalculatorInjected, ["Tests/CalculatorTests.cs"] = Scripts.TestsV2 };
        var response = await admin.PostAsJsonAsync($"/api/objects/{name}/modifications", new { files, summary = "broken", deploy = false });
        await response.ExpectAsync(HttpStatusCode.Accepted);
        var runId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();
        using var cli = Shell.For(fixture.Host);

        var watch = await cli.RunAsync("runs", "watch", runId);
        var show = await cli.RunAsync("runs", "show", runId);
        var list = await cli.RunAsync("runs", "list", "--object", name);

        Assert.Equal(ExitCodes.RunNotAccepted, watch.ExitCode);
        Assert.Contains("gate 'tests' failed", watch.Out);
        Assert.Equal(ExitCodes.RunNotAccepted, show.ExitCode);
        Assert.Contains("gates-1", show.Out);
        Assert.Contains("reason:", show.Out);
        Assert.Contains(runId, list.Out);
        Assert.Contains("rejected", list.Out);
    }

    [Fact]
    public async Task Push_EventStreamRefused_FollowsByPollingToTheSameVerdict()
    {
        var (cli, _) = await PulledAsync();
        using var __ = cli;
        var log = new ConcurrentQueue<RecordedRequest>();
        cli.Handler = () => new RecordingHandler(log) { RefuseEventStream = true };
        await EditAsync(cli);

        var push = await cli.RunAsync("push", "calc", "--no-deploy");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("✓ gates-1", push.Out);
        Assert.Contains(log, r => r.Path.EndsWith("/events", StringComparison.Ordinal));
        Assert.True(log.Count(r => r.Method == "GET" && r.Path.StartsWith("/api/runs/", StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task Push_ConnectionFailsOnce_RetriedWithTheSameIdempotencyKey()
    {
        var (cli, name) = await PulledAsync();
        using var __ = cli;
        var log = new ConcurrentQueue<RecordedRequest>();
        cli.Handler = () => new RecordingHandler(log) { DropFirst = r => r.Method == HttpMethod.Post };
        await EditAsync(cli);

        var push = await cli.RunAsync("push", "calc", "--no-deploy");

        Assert.True(push.ExitCode == 0, push.ToString());
        var posts = log.Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(Guid.TryParse(posts[0].IdempotencyKey, out _));
        Assert.Equal(posts[0].IdempotencyKey, posts[1].IdempotencyKey);
        Assert.Equal($"/api/objects/{name}/modifications", posts[1].Path);
    }

    [Fact]
    public async Task CreatingCommands_EachOperation_SendsItsOwnIdempotencyKey()
    {
        using var cli = Shell.For(fixture.Host);
        var log = new ConcurrentQueue<RecordedRequest>();
        cli.Handler = () => new RecordingHandler(log);
        var name = Objects.UniqueName("Calc");
        Directory.CreateDirectory(cli.PathOf("src", "Tests"));
        await File.WriteAllTextAsync(cli.PathOf("src", "Calculator.cs"), Scripts.CalculatorV1);
        await File.WriteAllTextAsync(cli.PathOf("src", "Tests", "CalculatorTests.cs"), Scripts.TestsV1);

        var create = await cli.RunAsync("objects", "create", name, "src");
        var deploy = await cli.RunAsync("deploy", name, "--env", "development");
        var list = await cli.RunAsync("objects", "list");

        Assert.True(create.ExitCode == 0 && deploy.ExitCode == 0 && list.ExitCode == 0, create + "\n" + deploy);
        var keys = log.Where(r => r.Method == "POST").Select(r => r.IdempotencyKey).ToList();
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.True(Guid.TryParse(k, out _)));
        Assert.NotEqual(keys[0], keys[1]);
        Assert.All(log.Where(r => r.Method == "GET"), r => Assert.Null(r.IdempotencyKey));
    }

    [Fact]
    public async Task Modify_NoModelConfigured_ProblemDetailSaysWhatToSetExitFour()
    {
        var name = Objects.UniqueName("Calc");
        await fixture.Host.Admin().CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);

        var modify = await cli.RunAsync("modify", name, "Add a Multiply method");

        Assert.Equal(ExitCodes.Unavailable, modify.ExitCode);
        Assert.Contains("No language model is configured", modify.Error);
        Assert.Contains("AI:Provider", modify.Error);
    }

    [Fact]
    public async Task Dev_SaveInWatchedFolder_PushedAndVerdictPrinted()
    {
        var (cli, name) = await PulledAsync();
        using var __ = cli;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var (exit, output) = cli.Start(stop.Token, "dev", "calc", "--no-deploy");
        await WaitForAsync(output, "Watching", stop.Token);

        await EditAsync(cli);
        await WaitForAsync(output, $"✓ {name} v2", stop.Token);
        await File.WriteAllTextAsync(cli.PathOf("calc", "Calculator.cs"), Scripts.CalculatorInjected);
        await WaitForAsync(output, "not accepted", stop.Token);
        await stop.CancelAsync();

        Assert.Equal(0, await exit);
        Assert.Contains($"accepted: v2 of {name}", output());
        Assert.Equal(2, (await fixture.Host.Admin().GetJsonAsync($"/api/objects/{name}"))["currentVersion"]!.GetValue<int>());
    }

    private async Task<(Shell Cli, string Name)> PulledAsync()
    {
        var name = Objects.UniqueName("Calc");
        await fixture.Host.Admin().CreateCalculatorAsync(name);
        var cli = Shell.For(fixture.Host);
        var pull = await cli.RunAsync("pull", name, "calc");
        Assert.True(pull.ExitCode == 0, pull.ToString());
        return (cli, name);
    }

    private static async Task EditAsync(Shell cli)
    {
        await File.WriteAllTextAsync(cli.PathOf("calc", "Tests", "CalculatorTests.cs"), Scripts.TestsV2);
        await File.WriteAllTextAsync(cli.PathOf("calc", "Calculator.cs"), Scripts.CalculatorV2);
    }

    private static async Task WaitForAsync(Func<string> output, string text, CancellationToken cancellationToken)
    {
        while (!output().Contains(text, StringComparison.Ordinal))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Never printed '{text}':\n{output()}");
            }
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
