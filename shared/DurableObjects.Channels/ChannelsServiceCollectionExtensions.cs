using DurableObjects.Channels.Commands;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Email;
using DurableObjects.Channels.GitHub;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Outbox;
using DurableObjects.Channels.Slack;
using DurableObjects.Channels.Twilio;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels;

/// <summary>Registers the channels: settings, Twilio, email, Slack, GitHub, the notification service, the outbox and the command parser.</summary>
public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the channel settings from the flat keys of <paramref name="configuration"/> (TWILIO_*, SLACK_BOT_TOKEN,
    /// GITHUB_*, SMTP_*, SENDGRID_*, FROM_EMAIL, PUBLIC_BASE_URL, …) and the <c>Commands</c> section, and registers
    /// the services. An in-memory <see cref="IOutbox"/> is registered only if none is; register the durable one first
    /// (or replace it). The parser uses an <see cref="IChatClient"/> when one is registered.
    /// </summary>
    public static IServiceCollection AddDurableObjectsChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TwilioOptions>().Bind(configuration);
        services.AddOptions<SlackOptions>().Bind(configuration);
        services.AddOptions<GitHubOptions>().Bind(configuration);
        services.AddOptions<EmailOptions>().Bind(configuration);
        services.AddOptions<CommandParserOptions>().Bind(configuration.GetSection("Commands"));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOutbox, InMemoryOutbox>();

        services.AddHttpClient<TwilioClient>();
        services.AddHttpClient<SlackClient>();
        services.AddHttpClient<SendGridEmailSender>();
        services.AddTransient<SmtpEmailSender>();
        services.AddTransient<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<SmtpEmailSender>()
            : sp.GetRequiredService<SendGridEmailSender>());
        services.AddTransient<GitHubService>();
        services.AddSingleton<TwilioSignatureValidator>();
        services.AddSingleton<SlackSignatureValidator>();

        services.AddTransient<INotificationSender, SmsNotificationSender>();
        services.AddTransient<INotificationSender, VoiceNotificationSender>();
        services.AddTransient<INotificationSender, EmailNotificationSender>();
        services.AddTransient<INotificationSender, SlackNotificationSender>();
        services.AddTransient<INotificationSender, GitHubNotificationSender>();
        services.AddTransient<INotificationService, NotificationService>();
        services.AddTransient<SlackApprovalRequester>();

        services.AddSingleton<ICommandParser>(sp => new CommandParser(
            sp.GetRequiredService<IOptions<CommandParserOptions>>(),
            sp.GetRequiredService<ILogger<CommandParser>>(),
            sp.GetService<IChatClient>()));
        return services;
    }
}
