using DurableObjects.Channels.Commands;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Email;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.UnitTests.Configuration;

public sealed class ChannelOptionsTests
{
    private static readonly Dictionary<string, string?> AllKeys = new()
    {
        ["TWILIO_ACCOUNT_SID"] = "AC-secret-sid",
        ["TWILIO_AUTH_TOKEN"] = "twilio-secret-token",
        ["TWILIO_PHONE_NUMBER"] = "+15005550006",
        ["TWILIO_API_BASE_URL"] = "http://127.0.0.1:1234/",
        ["PUBLIC_BASE_URL"] = "https://objects.example.com",
        ["SLACK_BOT_TOKEN"] = "xoxb-secret",
        ["GITHUB_TOKEN"] = "ghp_secret",
        ["GITHUB_REPO"] = "acme/objects",
        ["GITHUB_ISSUE_ON_RUN_FAILURE"] = "true",
        ["SMTP_USERNAME"] = "smtp-user-secret",
        ["SMTP_PASSWORD"] = "smtp-password-secret",
        ["SMTP_HOST"] = "smtp.example.com",
        ["SMTP_PORT"] = "2525",
        ["FROM_EMAIL"] = "robot@objects.example.com",
        ["SENDGRID_API_KEY"] = "SG.secret",
        ["Commands:ConfirmationThreshold"] = "0.6",
    };

    [Fact]
    public void AddDurableObjectsChannels_SeedKeys_BindEveryOption()
    {
        using var services = ChannelsHost.Build(AllKeys);

        var twilio = services.GetRequiredService<IOptions<TwilioOptions>>().Value;
        var slack = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var github = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        var email = services.GetRequiredService<IOptions<EmailOptions>>().Value;

        Assert.Equal(("AC-secret-sid", "twilio-secret-token", "+15005550006"), (twilio.AccountSid, twilio.AuthToken, twilio.PhoneNumber));
        Assert.Equal("https://objects.example.com", twilio.PublicBaseUrl);
        Assert.Equal(new Uri("http://127.0.0.1:1234/"), twilio.EffectiveApiBaseUrl);
        Assert.Equal("xoxb-secret", slack.BotToken);
        Assert.Equal(("ghp_secret", "acme/objects", true), (github.Token, github.Repository, github.IssueOnRunFailure));
        Assert.Equal(("smtp.example.com", (int?)2525, "smtp-user-secret", "smtp-password-secret"), (email.SmtpHost, email.SmtpPort, email.SmtpUsername, email.SmtpPassword));
        Assert.Equal(("robot@objects.example.com", "SG.secret"), (email.FromEmail, email.SendGridApiKey));
        Assert.Equal(0.6, services.GetRequiredService<IOptions<CommandParserOptions>>().Value.ConfirmationThreshold);
    }

    [Fact]
    public void ToString_AllOptions_NeverContainSecrets()
    {
        using var services = ChannelsHost.Build(AllKeys);
        var rendered = string.Join(
            '\n',
            services.GetRequiredService<IOptions<TwilioOptions>>().Value.ToString(),
            services.GetRequiredService<IOptions<SlackOptions>>().Value.ToString(),
            services.GetRequiredService<IOptions<GitHubOptions>>().Value.ToString(),
            services.GetRequiredService<IOptions<EmailOptions>>().Value.ToString());

        foreach (var secret in new[] { "AC-secret-sid", "twilio-secret-token", "xoxb-secret", "ghp_secret", "smtp-user-secret", "smtp-password-secret", "SG.secret", "+15005550006" })
        {
            Assert.DoesNotContain(secret, rendered, StringComparison.Ordinal);
        }

        Assert.Contains("+1******0006", rendered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", true, true, "sendgrid")]
    [InlineData("auto", false, true, "smtp")]
    [InlineData("smtp", true, true, "smtp")]
    [InlineData("sendgrid", false, true, "sendgrid")]
    public void IEmailSender_ProviderSetting_ChoosesImplementation(string provider, bool sendGridKey, bool smtpHost, string expected)
    {
        var settings = new Dictionary<string, string?> { ["EMAIL_PROVIDER"] = provider, ["FROM_EMAIL"] = "robot@objects.example.com" };
        if (sendGridKey)
        {
            settings["SENDGRID_API_KEY"] = "SG.k";
        }

        if (smtpHost)
        {
            settings["SMTP_HOST"] = "smtp.example.com";
        }

        using var services = ChannelsHost.Build(settings);

        Assert.Equal(expected, services.GetRequiredService<IEmailSender>().Provider);
    }

    [Fact]
    public void ICommandParser_NoChatClientRegistered_GrammarOnly()
    {
        using var services = ChannelsHost.Build(new Dictionary<string, string?>());

        Assert.False(services.GetRequiredService<ICommandParser>().ModelAvailable);
    }
}
