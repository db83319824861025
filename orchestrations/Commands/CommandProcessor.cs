using DurableObjects.Channels.Commands;
using DurableObjects.Channels.Phone;
using DurableObjects.Shared.Audit;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// Parses a message, asks for confirmation when the model was unsure (the question waits in
/// <see cref="PendingCommandStore"/>), runs the command as the caller and shapes the reply for the channel.
/// </summary>
public sealed partial class CommandProcessor(
    ICommandParser parser,
    CommandExecutor executor,
    PendingCommandStore pending,
    AuditLog audit,
    ILogger<CommandProcessor> logger) : ICommandProcessor
{
    /// <inheritdoc />
    public async Task<CommandResult> ProcessAsync(string text, CommandCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        try
        {
            var reply = await AnswerAsync(text ?? "", caller, cancellationToken);
            return reply with { Text = caller.Spoken ? ReplyText.Spoken(reply.Text) : ReplyText.Shorten(reply.Text) };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, caller.User.Id, PhoneNumbers.Mask(caller.Address));
            return "Sorry, something went wrong on our side. Please try again in a minute.";
        }
    }

    private async Task<CommandResult> AnswerAsync(string text, CommandCaller caller, CancellationToken cancellationToken)
    {
        var waiting = await pending.TakeAsync(caller, cancellationToken);
        if (ReplyText.IsYes(text) || ReplyText.IsNo(text))
        {
            if (waiting is null)
            {
                return "There's nothing waiting for a yes or no. " + CommandIntents.HelpText;
            }
            if (ReplyText.IsNo(text))
            {
                return $"OK, cancelled: {waiting}.";
            }
            // The stored text is the grammar's canonical phrasing of the command: the grammar reads it back exactly.
            var confirmed = await parser.ParseAsync(waiting, cancellationToken);
            return confirmed.Command is { } command && confirmed.Outcome == ParseOutcome.Parsed
                ? await RunAsync(command, caller, confirmedBy: "confirmation", cancellationToken)
                : "That request can no longer be confirmed. Please send it again.";
        }

        var parsed = await parser.ParseAsync(text, cancellationToken);
        switch (parsed.Outcome)
        {
            case ParseOutcome.Parsed when parsed.Command is { } command:
                return await RunAsync(command, caller, parsed.Source.ToString().ToLowerInvariant(), cancellationToken);
            case ParseOutcome.NeedsConfirmation when parsed.Command is { } proposed:
                await pending.SaveAsync(caller, proposed.Describe(), cancellationToken);
                return caller.Spoken
                    ? $"Did you mean: {proposed.Describe()}? Say yes to confirm, or no to cancel."
                    : parsed.Reply ?? $"Did you mean: {proposed.Describe()}? Reply YES to confirm or NO to cancel.";
            default:
                return parsed.Reply ?? CommandIntents.HelpText;
        }
    }

    private async Task<CommandResult> RunAsync(Channels.Commands.Command command, CommandCaller caller, string confirmedBy, CancellationToken cancellationToken)
    {
        var result = await executor.ExecuteAsync(command, caller, cancellationToken);
        LogRan(logger, command.Intent, caller.User.Id, caller.Channel.ToString(), result.Changed);
        if (result.Changed)
        {
            await audit.AppendAsync(AuditEventTypes.CommandExecuted, AuditEventTypes.UserSubject(caller.User.Id), caller.User.Id,
                new Dictionary<string, string>
                {
                    ["intent"] = command.Intent,
                    ["channel"] = caller.Channel.ToString().ToLowerInvariant(),
                    ["via"] = confirmedBy,
                    ["reply"] = ReplyText.Shorten(result.Text, 200),
                }, cancellationToken);
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ran {Intent} for {UserId} from {Channel} (changed: {Changed})")]
    private static partial void LogRan(ILogger logger, string intent, string userId, string channel, bool changed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Command from {UserId} at {Phone} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string userId, string phone);
}
