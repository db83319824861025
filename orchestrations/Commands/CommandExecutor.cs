using DurableObjects.Channels.Commands;
using DurableObjects.Shared.Users;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>Runs one parsed command as the caller: reads for everyone signed in, changes for members and admins, user lists for admins.</summary>
public sealed class CommandExecutor(ObjectCommandHandler objects, RunCommandHandler runs, MonitorCommandHandler monitors, GitHubCommandHandler github, UserStore users)
{
    public async Task<CommandResult> ExecuteAsync(Command command, CommandCaller caller, CancellationToken cancellationToken)
    {
        if (IsChange(command) && !caller.Actor.CanWrite)
        {
            return new CommandResult("Your account can only read (viewer), so I can't do that. Ask an admin for member access.");
        }
        return command switch
        {
            HelpCommand => caller.Spoken ? SpokenHelp : CommandIntents.HelpText,
            ObjectInfoCommand info => new CommandResult(await objects.InfoAsync(info)),
            ListObjectsCommand => new CommandResult(await objects.ListAsync(cancellationToken)),
            CountObjectsCommand => new CommandResult(await objects.CountAsync(cancellationToken)),
            ListUsersCommand => new CommandResult(await ListUsersAsync(caller, cancellationToken)),
            DeployObjectCommand deploy => await objects.DeployAsync(deploy, caller.Actor),
            RollbackObjectCommand rollback => await objects.RollbackAsync(rollback, caller.Actor),
            CreateObjectCommand create => await runs.CreateAsync(create, caller),
            ModifyObjectCommand modify => await runs.ModifyAsync(modify, caller),
            ApproveRunCommand approve => await runs.DecideAsync(approve.RunId, approve: true, null, caller.Actor),
            RejectRunCommand reject => await runs.DecideAsync(reject.RunId, approve: false, reject.Reason, caller.Actor),
            CreateMonitorCommand monitor => await monitors.CreateAsync(monitor, caller, cancellationToken),
            RepoInfoCommand => new CommandResult(await github.RepoInfoAsync(cancellationToken)),
            ListIssuesCommand => new CommandResult(await github.IssuesAsync(cancellationToken)),
            _ => new CommandResult(CommandIntents.HelpText),
        };
    }

    /// <summary>Commands that change something (and need the API's write role).</summary>
    public static bool IsChange(Command command) => command is DeployObjectCommand or RollbackObjectCommand
        or CreateObjectCommand or ModifyObjectCommand or ApproveRunCommand or RejectRunCommand;

    private const string SpokenHelp =
        "You can say: list objects. Count objects. Info, then a name. Deploy, then a name. Roll back, then a name. " +
        "Create, then a name and what it should do. Modify, then a name and the change. Or approve or reject a run.";

    private async Task<string> ListUsersAsync(CommandCaller caller, CancellationToken cancellationToken)
    {
        if (!caller.Actor.IsAdmin)
        {
            return "Only admins can list users.";
        }
        var all = await users.ListAsync(cancellationToken);
        var shown = string.Join(", ", all.OrderBy(u => u.Id, StringComparer.Ordinal).Take(15).Select(u => $"{u.Id} ({u.Role.ToString().ToLowerInvariant()}{(u.Disabled ? ", disabled" : "")})"));
        return all.Count > 15 ? $"{all.Count} users: {shown}, …" : $"{all.Count} users: {shown}.";
    }
}
