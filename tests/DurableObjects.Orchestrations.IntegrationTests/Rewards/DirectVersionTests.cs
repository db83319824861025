using System.Net;
using System.Net.Http.Json;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Rewards;

/// <summary>POST /versions (and the CLI's push): the kept tests hold on the path without a run too.</summary>
public sealed class DirectVersionTests
{
    private static Dictionary<string, string> Files(string code, string tests) => new() { ["Calculator.cs"] = code, ["Tests/CalculatorTests.cs"] = tests };

    [Fact]
    public async Task PostVersion_KeptTestsFailAgainstIt_422NamingTheTests()
    {
        await using var host = await Support.RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateObjectAsync("Calculator", Scripts.V1Files());
        var broken = Scripts.CalculatorV1.Replace("a + b", "a - b", StringComparison.Ordinal);

        var response = await admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Files(broken, Scripts.TestsV1), summary = "oops" });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("AddsNumbers", problem.ToJsonString());
        Assert.Equal(1, await Support.RunsHelper.VersionCountAsync(admin, "Calculator"));
    }

    [Fact]
    public async Task PostVersion_ChangesAKeptTest_409PointingToARunWithApproval()
    {
        await using var host = await Support.RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateObjectAsync("Calculator", Scripts.V1Files());
        var weakened = Scripts.TestsV1.Replace("new Calculator().Add(2, 3) == 5", "true", StringComparison.Ordinal);

        var response = await admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Files(Scripts.CalculatorV1, weakened), summary = "weaker" });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("changed: AddsNumbers", problem.ToJsonString());
        Assert.Contains("approves", problem["detail"]!.GetValue<string>());
        Assert.Equal(1, await Support.RunsHelper.VersionCountAsync(admin, "Calculator"));
    }

    [Fact]
    public async Task PostVersion_KeepsKeptTestsAndAddsOne_Created()
    {
        await using var host = await Support.RunsHelper.StartHostAsync();
        var admin = host.Admin();
        await admin.CreateObjectAsync("Calculator", Scripts.V1Files());

        var response = await admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Scripts.V2Files(), summary = "Multiply" });

        await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, await Support.RunsHelper.VersionCountAsync(admin, "Calculator"));
    }
}
