using System.Text.Json;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.UnitTests.Notifications;

public sealed class RunFailureIssueReporterTests
{
    private static readonly RunFailureReport Failure = new("r-42", "Calculator", "add a square root", "CS0103: The name 'Sqrt' does not exist");

    [Fact]
    public async Task ReportAsync_FlagOff_DoesNothing()
    {
        await using var github = await HttpStandIn.StartAsync(_ => new StandInResponse(201, "{}"));
        await using var services = ChannelsHost.Build(new Dictionary<string, string?>
        {
            ["GITHUB_TOKEN"] = "ghp_x",
            ["GITHUB_REPO"] = "acme/objects",
            ["GITHUB_API_BASE_URL"] = github.BaseAddress.ToString(),
        });

        var result = await services.GetRequiredService<RunFailureIssueReporter>().ReportAsync(Failure);

        Assert.Null(result);
        Assert.Empty(github.Requests);
    }

    [Fact]
    public async Task ReportAsync_FlagOn_OpensIssueWithLabels()
    {
        await using var github = await HttpStandIn.StartAsync(_ =>
            new StandInResponse(201, """{"id":1,"number":3,"title":"t","state":"open","html_url":"https://github.com/acme/objects/issues/3"}"""));
        await using var services = ChannelsHost.Build(new Dictionary<string, string?>
        {
            ["GITHUB_TOKEN"] = "ghp_x",
            ["GITHUB_REPO"] = "acme/objects",
            ["GITHUB_API_BASE_URL"] = github.BaseAddress.ToString(),
            ["GITHUB_ISSUE_ON_RUN_FAILURE"] = "true",
        });

        var result = await services.GetRequiredService<RunFailureIssueReporter>().ReportAsync(Failure);

        Assert.Equal(NotificationStatus.Sent, result?.Status);
        Assert.Equal(["https://github.com/acme/objects/issues/3"], result!.ProviderIds);
        var request = Assert.Single(github.Requests);
        Assert.Equal("/api/v3/repos/acme/objects/issues", request.Path);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("Run failed: Calculator (r-42)", json.RootElement.GetProperty("title").GetString());
        Assert.Contains("CS0103", json.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(["durable-objects", "run-failed"], json.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }
}
