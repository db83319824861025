using DurableObjects.Channels.Commands.Grammar;
using DurableObjects.Channels.Notifications;

namespace DurableObjects.Channels.Commands.Model;

/// <summary>Validates a model proposal with the grammar's own rules and turns it into a command.</summary>
public static class ModelProposalMapper
{
    /// <summary>The command, or null with the reason the proposal is unusable.</summary>
    public static (Command? Command, string? Problem) Map(ModelCommandProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var intent = proposal.Intent?.Trim().ToLowerInvariant();
        return intent switch
        {
            CommandIntents.Create => Named(proposal, n => Text(proposal.Description, d => new CreateObjectCommand(n, d), "what the object should do")),
            CommandIntents.Modify => Named(proposal, n => Text(proposal.Change, c => new ModifyObjectCommand(n, c), "the change")),
            CommandIntents.Deploy => Named(proposal, n => (new DeployObjectCommand(n, Blank(proposal.Environment)?.ToLowerInvariant()), null)),
            CommandIntents.Rollback => Named(proposal, n => proposal.Version is null or > 0
                ? (new RollbackObjectCommand(n, proposal.Version), null)
                : (null, "the version must be positive")),
            CommandIntents.Info or "status" => Named(proposal, n => (new ObjectInfoCommand(n), null)),
            CommandIntents.ListObjects => (new ListObjectsCommand(), null),
            CommandIntents.CountObjects => (new CountObjectsCommand(), null),
            CommandIntents.ListUsers => (new ListUsersCommand(), null),
            CommandIntents.Approve => Run(proposal, id => new ApproveRunCommand(id)),
            CommandIntents.Reject => Run(proposal, id => new RejectRunCommand(id, Blank(proposal.Reason))),
            CommandIntents.Monitor => Monitor(proposal),
            CommandIntents.RepoInfo => (new RepoInfoCommand(), null),
            CommandIntents.ListIssues => (new ListIssuesCommand(), null),
            CommandIntents.Help => (new HelpCommand(), null),
            _ => (null, "no known intent"),
        };
    }

    private static (Command?, string?) Named(ModelCommandProposal proposal, Func<string, (Command?, string?)> build) =>
        NameRules.IsValid(proposal.Name?.Trim()) ? build(proposal.Name!.Trim()) : (null, "no valid object name");

    private static (Command?, string?) Text(string? text, Func<string, Command> build, string what) =>
        Blank(text) is { } value ? (build(value), null) : (null, $"missing {what}");

    private static (Command?, string?) Run(ModelCommandProposal proposal, Func<string, Command> build)
    {
        var id = Blank(proposal.RunId);
        return id is not null && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? (build(id), null) : (null, "no valid run id");
    }

    private static (Command?, string?) Monitor(ModelCommandProposal proposal)
    {
        var description = Blank(proposal.Event);
        if (description is null)
        {
            return (null, "no event");
        }

        NotificationChannel? channel = null;
        if (Blank(proposal.Channel) is { } name && name is not ("notify" or "preferred"))
        {
            if (!NotificationChannels.TryParse(name, out channel) || channel == NotificationChannel.GitHub)
            {
                return (null, "unknown channel");
            }
        }

        var resolved = EventPhrases.Resolve(description);
        var eventType = EventTypes.IsKnownPattern(proposal.EventType) ? proposal.EventType! : resolved?.EventType;
        if (eventType is null)
        {
            return (null, "unknown event");
        }

        var subject = NameRules.IsValid(Blank(proposal.Subject)) ? proposal.Subject!.Trim() : resolved?.Subject;
        return (new CreateMonitorCommand(channel, description, eventType, subject, resolved?.Conditions), null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
