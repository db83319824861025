using System.Text.Json.Nodes;
using DurableObjects.Channels;
using DurableObjects.Channels.Commands;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Slack;
using DurableObjects.Orchestrations.Commands;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Slack;

/// <summary>
/// The door from the Slack webhooks to the commands: finds the user linked to the Slack member (refusing a disabled
/// account, saying so), then runs an Approve or Reject button click, or a <c>/durableobjects</c> command, as that user
/// — the same rules as the API (decisions go through <c>IRunLauncher.DecideAsync</c> with the user's actor).
/// </summary>
/// <remarks>Trust model: call only after the request's <c>X-Slack-Signature</c> was verified; only then is the member id real.</remarks>
public sealed partial class SlackCommandGateway(
    SlackLinkStore links,
    CommandExecutor executor,
    ICommandProcessor processor,
    SlackClient slack,
    AuditLog audit,
    ILogger<SlackCommandGateway> logger)
{
    public const string NotLinked =
        "Your Slack account isn't linked to a Durable Objects user yet. Link it in the app: PUT /api/me/slack with your Slack member id, then enter the code I send you here.";

    /// <summary>
    /// Runs a button click and updates the message through its <c>response_url</c>; returns what was said (changed
    /// when the run was decided), or null for a button that is not ours (nothing done, nothing said).
    /// </summary>
    public async Task<CommandResult?> DecideAsync(SlackBlockAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var approve = action.ActionId == SlackApprovalMessage.ApproveAction;
        if (!approve && action.ActionId != SlackApprovalMessage.RejectAction)
        {
            return null;
        }
        var user = await links.FindUserAsync(action.UserId, cancellationToken);
        if (user is null)
        {
            LogRefused(logger, action.UserId);
            await RespondAsync(action, SlackApprovalMessage.Ephemeral(NotLinked), cancellationToken);
            return NotLinked;
        }
        if (user.Disabled)
        {
            LogDisabled(logger, user.Id);
            var refusal = DisabledAccounts.Refusal(user.Id);
            await RespondAsync(action, SlackApprovalMessage.Ephemeral(refusal), cancellationToken);
            return refusal;
        }
        var caller = new CommandCaller(user, NotificationChannel.Slack, action.UserId);
        Command command = approve ? new ApproveRunCommand(action.Value) : new RejectRunCommand(action.Value, "rejected in Slack");
        var result = await executor.ExecuteAsync(command, caller, cancellationToken);
        if (result.Changed)
        {
            await audit.AppendAsync(AuditEventTypes.CommandExecuted, AuditEventTypes.UserSubject(user.Id), user.Id, new Dictionary<string, string>
            {
                ["intent"] = command.Intent,
                ["channel"] = "slack",
                ["via"] = "button",
                ["reply"] = ReplyText.Shorten(result.Text, 200),
            }, cancellationToken);
            await RespondAsync(action, SlackApprovalMessage.Decided($"{result.Text} ({user.Id} in Slack)"), cancellationToken);
        }
        else
        {
            await RespondAsync(action, SlackApprovalMessage.Ephemeral(result.Text), cancellationToken);
        }
        return result;
    }

    /// <summary>Runs <c>/durableobjects &lt;text&gt;</c> from <paramref name="slackUserId"/>; returns the reply (and whether it changed something).</summary>
    public async Task<CommandResult> CommandAsync(string? slackUserId, string? text, CancellationToken cancellationToken = default)
    {
        if (!SlackUserIds.IsValid(slackUserId) || await links.FindUserAsync(slackUserId!, cancellationToken) is not { } user)
        {
            return NotLinked;
        }
        if (user.Disabled)
        {
            LogDisabled(logger, user.Id);
            return DisabledAccounts.Refusal(user.Id);
        }
        return await processor.ProcessAsync(text ?? "", new CommandCaller(user, NotificationChannel.Slack, slackUserId!), cancellationToken);
    }

    private async Task RespondAsync(SlackBlockAction action, JsonObject message, CancellationToken cancellationToken)
    {
        if (action.ResponseUrl is null)
        {
            return;
        }
        try
        {
            await slack.RespondAsync(action.ResponseUrl, message, cancellationToken);
        }
        catch (ChannelException e)
        {
            // The decision stands; only the message in Slack could not be updated.
            LogRespondFailed(logger, e.ProviderCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a Slack action from unlinked member {SlackUserId}")]
    private static partial void LogRefused(ILogger logger, string slackUserId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a Slack action from disabled user {UserId}")]
    private static partial void LogDisabled(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the Slack message failed: {ProviderCode}")]
    private static partial void LogRespondFailed(ILogger logger, string? providerCode);
}
