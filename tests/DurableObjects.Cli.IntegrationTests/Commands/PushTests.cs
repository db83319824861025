using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Cli.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Commands;

/// <summary>pull → edit → push, against a real host: accepted, rejected, and refused when the object moved on.</summary>
public sealed class PushTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Push_ValidEdit_AcceptedExitZeroAndManifestAdvanced()
    {
        var name = Objects.UniqueName("Calc");
        await fixture.Host.Admin().CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);
        var pull = await cli.RunAsync("pull", name, "calc");
        Assert.True(pull.ExitCode == 0, pull.ToString());
        await File.WriteAllTextAsync(cli.PathOf("calc", "Calculator.cs"), Scripts.CalculatorV2);
        await File.WriteAllTextAsync(cli.PathOf("calc", "Tests", "CalculatorTests.cs"), Scripts.TestsV2);

        var push = await cli.RunAsync("push", "calc", "-m", "Multiply", "--no-deploy");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("modified: Calculator.cs", push.Out);
        Assert.Contains("gate: tests", push.Out);
        Assert.Contains($"accepted: v2 of {name}", push.Out);
        var version = await fixture.Host.Admin().GetJsonAsync($"/api/objects/{name}/versions/2");
        Assert.Equal(Scripts.CalculatorV2, version["files"]!["Calculator.cs"]!.GetValue<string>());
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(cli.PathOf("calc", ".durableobjects.json")))!;
        Assert.Equal(2, manifest["version"]!.GetValue<int>());
        var again = await cli.RunAsync("push", "calc");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Nothing to push", again.Error);
    }

    [Fact]
    public async Task Push_BrokenEdit_RejectedExitOneWithReasonsAndNothingCommitted()
    {
        var name = Objects.UniqueName("Calc");
        await fixture.Host.Admin().CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);
        await cli.RunAsync("pull", name, "calc");
        await File.WriteAllTextAsync(cli.PathOf("calc", "Calculator.cs"), Scripts.CalculatorInjected);
        await File.WriteAllTextAsync(cli.PathOf("calc", "Tests", "CalculatorTests.cs"), Scripts.TestsV2);

        var push = await cli.RunAsync("push", "calc", "--no-deploy");

        Assert.True(push.ExitCode == ExitCodes.RunNotAccepted, push.ToString());
        Assert.Contains("FAIL", push.Out);
        Assert.Contains(": rejected", push.Out);
        Assert.DoesNotContain("   at ", push.Out + push.Error);
        var versions = await fixture.Host.Admin().GetJsonAsync($"/api/objects/{name}/versions");
        Assert.Single(versions["items"]!.AsArray());
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(cli.PathOf("calc", ".durableobjects.json")))!;
        Assert.Equal(1, manifest["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Push_ObjectMovedOnSincePull_RefusedExitThreeUntilForced()
    {
        var name = Objects.UniqueName("Calc");
        var admin = fixture.Host.Admin();
        await admin.CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);
        await cli.RunAsync("pull", name, "calc");
        // Someone else's change (keeping the kept tests: a direct version may not drop them).
        var moved = await admin.PostAsJsonAsync($"/api/objects/{name}/versions", new { files = Scripts.V2Files(), summary = "someone else's change" });
        await moved.ExpectAsync(System.Net.HttpStatusCode.Created);
        await File.WriteAllTextAsync(cli.PathOf("calc", "Calculator.cs"), Scripts.CalculatorV2.Replace("a * b", "b * a", StringComparison.Ordinal));
        // Forcing over v2 keeps v2's tests (its kept tests are the reference for any push after it).
        await File.WriteAllTextAsync(cli.PathOf("calc", "Tests", "CalculatorTests.cs"), Scripts.TestsV2);

        var refused = await cli.RunAsync("push", "calc", "--no-deploy");

        Assert.True(refused.ExitCode == ExitCodes.Refused, refused.ToString());
        Assert.Contains("moved on since your pull: v2 is current, you pulled v1", refused.Error);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(2, (await admin.GetJsonAsync($"/api/objects/{name}"))["currentVersion"]!.GetValue<int>());

        var forced = await cli.RunAsync("push", "calc", "--force", "--no-deploy");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(3, (await admin.GetJsonAsync($"/api/objects/{name}"))["currentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Push_ObjectMovedOnAfterTheCliChecked_RefusedByTheServerSayingToPullAgain()
    {
        var name = Objects.UniqueName("Calc");
        var admin = fixture.Host.Admin();
        await admin.CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);
        await cli.RunAsync("pull", name, "calc");
        await File.WriteAllTextAsync(cli.PathOf("calc", "Calculator.cs"), Scripts.CalculatorV2.Replace("a * b", "b * a", StringComparison.Ordinal));
        await File.WriteAllTextAsync(cli.PathOf("calc", "Tests", "CalculatorTests.cs"), Scripts.TestsV2);
        // Someone else's version lands after the CLI saw v1 current, just before its push reaches the server.
        cli.Handler = () => new RecordingHandler(new()) { BeforeSend = async request =>
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/modifications", StringComparison.Ordinal))
            {
                var moved = await admin.PostAsJsonAsync($"/api/objects/{name}/versions", new { files = Scripts.V2Files(), summary = "someone else's change" });
                await moved.ExpectAsync(System.Net.HttpStatusCode.Created);
            }
        } };

        var refused = await cli.RunAsync("push", "calc", "--no-deploy");

        Assert.True(refused.ExitCode == ExitCodes.Refused, refused.ToString());
        Assert.Contains($"{name} moved on since your pull of v1; nothing was pushed", refused.Error);
        Assert.Contains("Version 2 was added while this change was made from version 1", refused.Error);
        Assert.Contains("Pull again", refused.Error);
        var found = await admin.GetJsonAsync($"/api/objects/{name}");
        Assert.Equal(2, found["currentVersion"]!.GetValue<int>());
        Assert.Equal(2, found["latestVersion"]!.GetValue<int>());
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(cli.PathOf("calc", ".durableobjects.json")))!;
        Assert.Equal(1, manifest["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pull_LocalEditsPresent_RefusedUntilForced()
    {
        var name = Objects.UniqueName("Calc");
        await fixture.Host.Admin().CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);
        await cli.RunAsync("pull", name, "calc");
        await File.WriteAllTextAsync(cli.PathOf("calc", "Calculator.cs"), "// my edit");

        var refused = await cli.RunAsync("pull", name, "calc");
        var forced = await cli.RunAsync("pull", name, "calc", "--force");

        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Contains("modified: Calculator.cs", refused.Error);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(Scripts.CalculatorV1, await File.ReadAllTextAsync(cli.PathOf("calc", "Calculator.cs")));
    }

    [Fact]
    public async Task Push_Json_PrintsTheFinalRunAsServerJson()
    {
        var name = Objects.UniqueName("Calc");
        await fixture.Host.Admin().CreateCalculatorAsync(name);
        using var cli = Shell.For(fixture.Host);
        await cli.RunAsync("pull", name, "calc");
        await File.WriteAllTextAsync(cli.PathOf("calc", "Calculator.cs"), Scripts.CalculatorV2);
        await File.WriteAllTextAsync(cli.PathOf("calc", "Tests", "CalculatorTests.cs"), Scripts.TestsV2);

        var push = await cli.RunAsync("push", "calc", "--no-deploy", "--json");

        Assert.True(push.ExitCode == 0, push.ToString());
        var run = JsonNode.Parse(push.Out)!.AsObject();
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal(2, run["version"]!.GetValue<int>());
        Assert.True(run["iterations"]!.AsArray()[0]!["accepted"]!.GetValue<bool>());
    }
}
