using System.Text.Json.Nodes;
using DurableObjects.Cli.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Commands;

/// <summary>--json prints the server's JSON; refusals print the problem's title and detail with exit 3; bad usage exits 2.</summary>
public sealed class OutputTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task ObjectsList_Json_IsTheServersPage()
    {
        var name = Objects.UniqueName("Calc");
        await fixture.Host.Admin().CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);

        var list = await cli.RunAsync("objects", "list", "--all", "--json");
        var show = await cli.RunAsync("objects", "show", name, "--json");
        var versions = await cli.RunAsync("versions", name, "--json");

        Assert.True(list.ExitCode == 0, list.ToString());
        var items = JsonNode.Parse(list.Out)!["items"]!.AsArray();
        Assert.Contains(items, o => o!["name"]!.GetValue<string>() == name);
        Assert.Equal("draft", JsonNode.Parse(show.Out)!["status"]!.GetValue<string>());
        Assert.Equal(1, JsonNode.Parse(versions.Out)!["items"]!.AsArray()[0]!["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task ObjectsList_Table_ShowsTheObject()
    {
        var name = Objects.UniqueName("Calc");
        await fixture.Host.Admin().CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);

        var list = await cli.RunAsync("objects", "list", "--all");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains(name, list.Out);
        Assert.Contains("draft", list.Out);
    }

    [Fact]
    public async Task ObjectsShow_UnknownObject_ProblemTitleAndDetailExitThree()
    {
        using var cli = Shell.For(fixture.Host);

        var show = await cli.RunAsync("objects", "show", "NoSuchObject");
        var json = await cli.RunAsync("objects", "show", "NoSuchObject", "--json");

        Assert.Equal(ExitCodes.Refused, show.ExitCode);
        Assert.Contains("error: Not found", show.Error);
        Assert.Contains("No object named 'NoSuchObject'", show.Error);
        Assert.DoesNotContain("   at ", show.Error);
        Assert.Equal(404, JsonNode.Parse(json.Out)!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invoke_NotDeployed_ProblemExitThree()
    {
        var name = Objects.UniqueName("Calc");
        await fixture.Host.Admin().CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);

        var invoke = await cli.RunAsync("invoke", name, "Add", "--arg", "a=1", "--arg", "b=2");

        Assert.Equal(ExitCodes.Refused, invoke.ExitCode);
        Assert.Contains("Not deployed", invoke.Error);
    }

    [Fact]
    public async Task Invoke_BadArgumentSyntax_UsageExitTwoNothingSent()
    {
        using var cli = Shell.For(fixture.Host);

        var invoke = await cli.RunAsync("invoke", "Calc", "Add", "--arg", "a");
        var json = await cli.RunAsync("invoke", "Calc", "Add", "[1, 2]");

        Assert.Equal(ExitCodes.Usage, invoke.ExitCode);
        Assert.Contains("name=value", invoke.Error);
        Assert.Equal(ExitCodes.Usage, json.ExitCode);
    }

    [Fact]
    public async Task UnknownOption_UsageExitTwo()
    {
        using var cli = Shell.For(fixture.Host);

        var result = await cli.RunAsync("push", "--forse");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--forse", result.Error);
    }

    [Fact]
    public async Task Events_AfterCreate_ListsObjectCreated()
    {
        var name = Objects.UniqueName("Calc");
        await fixture.Host.Admin().CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);

        var events = await cli.RunAsync("events", "--subject", $"object/{name.ToLowerInvariant()}", "--json");
        var runs = await cli.RunAsync("runs", "list", "--json");
        var monitors = await cli.RunAsync("monitors", "--json");
        var outbox = await cli.RunAsync("outbox", "--json");

        Assert.True(events.ExitCode == 0, events.ToString());
        Assert.Contains(JsonNode.Parse(events.Out)!["items"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "object.created");
        Assert.NotNull(JsonNode.Parse(runs.Out)!["items"]);
        Assert.NotNull(JsonNode.Parse(monitors.Out)!["items"]);
        Assert.NotNull(JsonNode.Parse(outbox.Out)!["items"]);
    }
}
