using DurableObjects.Channels.Commands;
using DurableObjects.Orchestrations.Monitors;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// "Text me when …": creates a monitor owned by the caller through <see cref="IMonitorService"/>, which validates it
/// and only ever notifies the owner's own verified phone (or their email and Slack).
/// </summary>
/// <remarks>Resolved when needed: a host without monitors still answers every other command.</remarks>
public sealed class MonitorCommandHandler(IServiceProvider services)
{
    public const string MonitorsUnavailable = "Monitors are coming soon: I can't set up 'text me when…' alerts by message yet.";

    public async Task<CommandResult> CreateAsync(CreateMonitorCommand command, CommandCaller caller, CancellationToken cancellationToken)
    {
        if (services.GetService<IMonitorService>() is not { } monitors)
        {
            return MonitorsUnavailable;
        }
        var outcome = await monitors.CreateAsync(new MonitorDefinition
        {
            Name = ReplyText.Shorten(command.EventDescription, 100),
            EventType = command.EventTypePattern,
            Subject = command.Subject,
            Channel = command.Channel?.ToString().ToLowerInvariant(),
        }, caller.Actor, cancellationToken: cancellationToken);
        return outcome.Value is { } monitor
            ? CommandResult.Done($"OK: I'll {Verb(monitor.Channel)} you when {command.EventDescription} (monitor {monitor.Id}).")
            : $"Couldn't set up that alert: {ReplyText.Shorten(Reasons(outcome.Error!), 200)}";
    }

    // The field reasons say what to change ("no verified phone"); the summary alone does not.
    private static string Reasons(OperationError error) =>
        error.Fields is { Count: > 0 } fields ? string.Join(" ", fields.SelectMany(f => f.Value)) : error.Message;

    private static string Verb(string channel) => channel switch
    {
        "voice" => "call",
        "email" => "email",
        "slack" => "message",
        _ => "text",
    };
}
