using DurableObjects.Channels.Commands;
using DurableObjects.Channels.Notifications;
using System.Globalization;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Orchestrations.Runs.Budget;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// Long work: create and modify start a pipeline run through <see cref="IRunLauncher"/> and answer at once; the run
/// reports its outcome later on the channel the command came from. Approve and reject steer a waiting run.
/// </summary>
/// <remarks>The launcher is resolved when needed, so a host without the pipeline still answers every other command.</remarks>
public sealed class RunCommandHandler(IServiceProvider services)
{
    public const string RunsUnavailable = "Runs are not available on this server yet, so I can't create or change objects by message.";

    public async Task<CommandResult> CreateAsync(CreateObjectCommand command, CommandCaller caller)
    {
        if (services.GetService<IRunLauncher>() is not { } launcher)
        {
            return RunsUnavailable;
        }
        var outcome = await launcher.StartCreationAsync(command.Name, command.Description, command.Description, caller.Actor, NotifyBack(caller));
        return outcome.Value is { } ticket
            ? CommandResult.Done($"Creating {command.Name}{RunOf(ticket, caller)}. I'll {Promise(caller)} when it's done.")
            : ObjectCommandHandler.Refused("create", command.Name, outcome.Error!);
    }

    public async Task<CommandResult> ModifyAsync(ModifyObjectCommand command, CommandCaller caller)
    {
        if (services.GetService<IRunLauncher>() is not { } launcher)
        {
            return RunsUnavailable;
        }
        var outcome = await launcher.StartModificationAsync(command.Name, command.Change, caller.Actor, NotifyBack(caller));
        return outcome.Value is { } ticket
            ? CommandResult.Done($"Changing {ticket.ObjectName}{RunOf(ticket, caller)}.{await BudgetNoteAsync(ticket.ObjectName)} I'll {Promise(caller)} when it's done.")
            : ObjectCommandHandler.Refused("modify", command.Name, outcome.Error!);
    }

    public async Task<CommandResult> DecideAsync(string runId, bool approve, string? reason, Actor actor)
    {
        if (services.GetService<IRunLauncher>() is not { } launcher)
        {
            return RunsUnavailable;
        }
        // Run ids are lower-case hex; phones like to capitalize what people type.
        var outcome = await launcher.DecideAsync(runId.ToLowerInvariant(), approve, actor, reason);
        var verb = approve ? "approve" : "reject";
        return outcome.Value is { } ticket
            ? CommandResult.Done($"{(approve ? "Approved" : "Rejected")} run {ticket.RunId} of {ticket.ObjectName}.")
            : ObjectCommandHandler.Refused(verb, "run " + runId, outcome.Error!);
    }

    /// <summary>
    /// " Budget: at most …" when the host or the object limits what a run may spend (a message cannot set its own), so
    /// the caller knows up front; the final message says what was spent if the run stopped for it.
    /// </summary>
    private async Task<string> BudgetNoteAsync(string objectName)
    {
        var host = services.GetService<IOptions<PipelineOptions>>()?.Value ?? new PipelineOptions();
        var policy = services.GetService<RunPolicyStore>() is { } policies ? await policies.GetAsync(ObjectName.ToKey(objectName)) : RunPolicy.None;
        var budget = RunBudget.Tightest(new RunBudget(host.MaxCost, host.MaxTokens), new RunBudget(policy.MaxCost, policy.MaxTokens));
        if (budget is null)
        {
            return "";
        }
        var limits = new[]
        {
            budget.MaxCost is { } cost ? string.Create(CultureInfo.InvariantCulture, $"cost {cost:0.######}") : null,
            budget.MaxTokens is { } tokens ? string.Create(CultureInfo.InvariantCulture, $"{tokens} tokens") : null,
        };
        return $" Budget: at most {string.Join(" and ", limits.OfType<string>())}.";
    }

    /// <summary>" (run id)" in texts, where it can be copied into "approve …"; nothing when spoken (32 hex digits are no use read aloud).</summary>
    private static string RunOf(RunTicket ticket, CommandCaller caller) => caller.Spoken ? "" : $" (run {ticket.RunId})";

    private static RunNotification NotifyBack(CommandCaller caller) =>
        new(caller.Channel.ToString().ToLowerInvariant(), caller.Address);

    private static string Promise(CommandCaller caller) => caller.Channel switch
    {
        NotificationChannel.Voice => "call you",
        NotificationChannel.Email => "email you",
        NotificationChannel.Slack => "message you",
        _ => "text you",
    };
}
