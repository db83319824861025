using DurableObjects.AI.Configuration;
using DurableObjects.Channels.Commands;
using DurableObjects.Channels.Outbox;
using DurableObjects.Orchestrations.Outbox;
using DurableObjects.Orchestrations.Phones;
using DurableObjects.Orchestrations.Reporting;
using DurableObjects.Orchestrations.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// Registrations for commands by phone and Slack: the durable outbox, phone verification and Slack links, answered-once
/// webhook replies, the command processor, and the GitHub pieces (commands, the failed-run issue reporter).
/// </summary>
public static class CommandsExtensions
{
    /// <summary>
    /// Call after <c>AddDurableObjectsChannels</c>: replaces its in-memory outbox with <see cref="TableStorageOutbox"/>
    /// and gives the command parser the planner's model (when one is configured) for free text.
    /// </summary>
    public static IServiceCollection AddDurableObjectsCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PhoneVerificationOptions>(configuration.GetSection(PhoneVerificationOptions.Section));
        services.Replace(ServiceDescriptor.Singleton<IOutbox, TableStorageOutbox>());
        services.Replace(ServiceDescriptor.Singleton<ICommandParser>(sp =>
        {
            var models = sp.GetRequiredService<IChatClientFactory>();
            var model = models.GetConfigurationProblem(ModelRole.Planner) is null ? models.GetClient(ModelRole.Planner) : null;
            return new CommandParser(sp.GetRequiredService<IOptions<CommandParserOptions>>(), sp.GetRequiredService<ILogger<CommandParser>>(), model);
        }));
        services.AddSingleton<PhoneVerificationService>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<PendingCommandStore>();
        services.AddSingleton<WebhookReplyStore>();
        services.AddSingleton<SlackLinkStore>();
        services.AddSingleton<SlackLinkService>();
        services.AddSingleton<SlackAccountService>();
        services.AddSingleton<SlackCommandGateway>();
        services.AddSingleton<GitHubCommandHandler>();
        services.AddSingleton<IRunFailureReporter, RunFailureReporter>();
        services.AddSingleton<ObjectCommandHandler>();
        services.AddSingleton<RunCommandHandler>();
        services.AddSingleton<MonitorCommandHandler>();
        services.AddSingleton<CommandExecutor>();
        services.AddSingleton<ICommandProcessor, CommandProcessor>();
        services.AddSingleton<PhoneCommandGateway>();
        return services;
    }
}
