using System.Text.Json;
using DurableObjects.Channels.Configuration;
using DurableObjects.Functions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.IntegrationTests.Configuration;

/// <summary><c>local.settings.sample.json</c> lists every channel key, and copied as is it configures nothing and breaks nothing.</summary>
public sealed class SampleSettingsTests
{
    private static readonly string Sample = Path.Combine(RepositoryRoot(), "local.settings.sample.json");

    [Theory]
    [InlineData("TWILIO_ACCOUNT_SID")]
    [InlineData("TWILIO_AUTH_TOKEN")]
    [InlineData("TWILIO_PHONE_NUMBER")]
    [InlineData("TWILIO_API_BASE_URL")]
    [InlineData("PUBLIC_BASE_URL")]
    [InlineData("SLACK_BOT_TOKEN")]
    [InlineData("SLACK_SIGNING_SECRET")]
    [InlineData("SLACK_APPROVAL_CHANNEL")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("GITHUB_REPO")]
    [InlineData("GITHUB_ISSUE_ON_RUN_FAILURE")]
    [InlineData("SENDGRID_API_KEY")]
    [InlineData("SMTP_HOST")]
    [InlineData("SMTP_PORT")]
    [InlineData("SMTP_USERNAME")]
    [InlineData("SMTP_PASSWORD")]
    [InlineData("FROM_EMAIL")]
    public void Sample_ListsChannelKey_WithEmptyValue(string key)
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Sample));

        Assert.Equal("", sample.RootElement.GetProperty("Values").GetProperty(key).GetString());
    }

    [Fact]
    public void Sample_CopiedAsIs_BindsAndConfiguresNoChannel()
    {
        var configuration = new ConfigurationBuilder().AddLocalSettings(Sample).Build();
        using var services = new ServiceCollection().AddLogging().AddDurableObjectsChannels(configuration).BuildServiceProvider();

        Assert.False(services.GetRequiredService<IOptions<TwilioOptions>>().Value.IsConfigured);
        Assert.False(services.GetRequiredService<IOptions<GitHubOptions>>().Value.IssueOnRunFailure);
        Assert.Null(services.GetRequiredService<IOptions<EmailOptions>>().Value.SmtpPort);
        Assert.NotNull(services.GetRequiredService<IOptions<SlackOptions>>().Value);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DurableObjects.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
