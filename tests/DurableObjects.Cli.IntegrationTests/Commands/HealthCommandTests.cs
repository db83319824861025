using System.Text.Json.Nodes;
using DurableObjects.Cli.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Commands;

/// <summary><c>health</c> against real hosts: ready and as isolated as the machine allows, weakened on purpose, with its
/// storage frozen, and not there at all; the exit code tells each apart.</summary>
public sealed class HealthCommandTests
{
    [Fact]
    public async Task Health_ReadyHost_PrintsTheSandboxAsTheHostReportsIt_AndExitsByItsStatus()
    {
        await using var host = await TestHost.StartAsync(listen: true);
        using var cli = Shell.For(host);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var report = JsonNode.Parse(await http.GetStringAsync("/health/isolation"))!;

        var text = await cli.RunAsync("health");
        var json = await cli.RunAsync("health", "--json");

        var enforced = report["status"]!.GetValue<string>() == "enforced";
        Assert.True(text.ExitCode == (enforced ? ExitCodes.Ok : ExitCodes.SandboxNotEnforced), text.ToString());
        Assert.Contains("ready    yes", text.Out, StringComparison.Ordinal);
        Assert.Contains($"runners  as {report["runnerUser"]!.GetValue<string>()}", text.Out, StringComparison.Ordinal);
        Assert.Contains("heap 256 MiB", text.Out, StringComparison.Ordinal);
        if (report["controlGroups"]?.GetValue<string>() is { } groups)
        {
            Assert.Contains($"memory 512 MiB and 256 threads per runner ({groups})", text.Out, StringComparison.Ordinal);
        }
        var answer = JsonNode.Parse(json.Out)!;
        Assert.Equal(text.ExitCode, json.ExitCode);
        Assert.True(answer["ready"]!.GetValue<bool>());
        Assert.Equal(report["status"]!.GetValue<string>(), answer["isolation"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_SandboxWeakened_ExitsSixWithTheServersReasons()
    {
        await using var host = await TestHost.StartAsync(listen: true, settings: new Dictionary<string, string?>
        {
            ["DurableObjects:Runner:ControlGroups"] = "Disabled",
        });
        using var cli = Shell.For(host);

        var result = await cli.RunAsync("health");

        Assert.True(result.ExitCode == ExitCodes.SandboxNotEnforced, result.ToString());
        Assert.Contains("sandbox  WEAKENED", result.Out, StringComparison.Ordinal);
        Assert.Contains("problem  Control groups are disabled (Runner:ControlGroups=Disabled)", result.Out, StringComparison.Ordinal);
        Assert.Contains("no control group (memory: the heap limit alone)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_StorageFrozen_ExitsFourSayingNotReady()
    {
        await using var storage = await AzuriteInstance.StartAsync();
        await using var host = await TestHost.StartAsync(listen: true, settings: new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage.ConnectionString,
            ["Storage:NetworkTimeout"] = "00:00:02",
        });
        using var cli = Shell.For(host);
        storage.Freeze();
        try
        {
            var result = await cli.RunAsync("health");

            Assert.True(result.ExitCode == ExitCodes.Unavailable, result.ToString());
            Assert.Contains("ready    NO: 503", result.Out, StringComparison.Ordinal);
            Assert.Contains("sandbox  ", result.Out, StringComparison.Ordinal); // still says what it can
        }
        finally
        {
            storage.Thaw();
        }
    }

    [Fact]
    public async Task Health_NothingListening_ExitsFourSayingSo()
    {
        using var cli = new Shell(new Uri("http://127.0.0.1:9/"), "do_not-a-token");

        var result = await cli.RunAsync("health");

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Contains("Cannot reach http://127.0.0.1:9/", result.Error, StringComparison.Ordinal);
    }
}
