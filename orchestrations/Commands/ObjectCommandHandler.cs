using System.Globalization;
using System.Text;
using DurableObjects.Channels.Commands;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>Object commands: info, list, count (anyone signed in may read), deploy and rollback (through the object and deployment services, as the caller).</summary>
public sealed class ObjectCommandHandler(ObjectService service, DeploymentService deployments, ObjectStore objects)
{
    private const int ListLimit = 10;

    public async Task<string> InfoAsync(ObjectInfoCommand command)
    {
        if (await FindAsync(command.Name) is not { } info)
        {
            return NoSuchObject(command.Name);
        }
        var text = new StringBuilder($"{info.Name}: v{info.CurrentVersion} ({info.Status.ToText()}");
        if (info.LatestVersion != info.CurrentVersion)
        {
            text.Append(CultureInfo.InvariantCulture, $", latest v{info.LatestVersion}");
        }
        text.Append(info.Deployments.Count == 0
            ? "), not deployed"
            : "), serving " + string.Join(", ", info.Deployments.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} v{d.Value.Version}")));
        text.Append(CultureInfo.InvariantCulture, $". Owner {info.Owner}.");
        if (info.LastError is { Length: > 0 } error)
        {
            text.Append(" Last deploy failed: ").Append(ReplyText.Shorten(error, 120));
        }
        return text.ToString();
    }

    public async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var page = await objects.ListAsync(null, ListLimit, null, cancellationToken);
        if (page.Items.Count == 0)
        {
            return "There are no objects yet. Create one: create <Name> <description>.";
        }
        var names = string.Join(", ", page.Items.Select(o => $"{o.Name} (v{o.CurrentVersion}, {o.Status.ToText()})"));
        return page.ContinuationToken is null ? $"Objects: {names}." : $"Objects: {names}, and more (count objects for the total).";
    }

    public async Task<string> CountAsync(CancellationToken cancellationToken)
    {
        var (total, deployed) = (0, 0);
        string? token = null;
        do
        {
            var page = await objects.ListAsync(null, 500, token, cancellationToken);
            total += page.Items.Count;
            deployed += page.Items.Count(o => o.Status == ObjectStatus.Deployed);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return total == 1 ? $"There is 1 object ({deployed} deployed)." : $"There are {total} objects ({deployed} deployed).";
    }

    public async Task<CommandResult> DeployAsync(DeployObjectCommand command, Actor actor)
    {
        if (!ObjectName.IsValid(command.Name))
        {
            return NoSuchObject(command.Name);
        }
        var outcome = await deployments.DeployAsync(command.Name, new DeployRequest(null, command.Environment), actor);
        if (outcome.Value is not { } info)
        {
            return Refused("deploy", command.Name, outcome.Error!);
        }
        var where = command.Environment is { } env && info.Deployments.TryGetValue(env, out var deployment)
            ? $"v{deployment.Version} to {env}"
            : info.Deployments.Count > 0 ? string.Join(", ", info.Deployments.Select(d => $"v{d.Value.Version} in {d.Key}")) : "";
        return CommandResult.Done($"Deployed {info.Name} {where}.".Replace(" .", ".", StringComparison.Ordinal));
    }

    public async Task<CommandResult> RollbackAsync(RollbackObjectCommand command, Actor actor)
    {
        if (await FindAsync(command.Name) is not { } current)
        {
            return NoSuchObject(command.Name);
        }
        var target = command.Version ?? current.CurrentVersion - 1;
        if (target < 1)
        {
            return $"{current.Name} has no version before v{current.CurrentVersion}.";
        }
        var outcome = await service.RollbackAsync(command.Name, target, actor);
        return outcome.Value is { } info
            ? CommandResult.Done($"Rolled {info.Name} back to v{info.CurrentVersion}.")
            : Refused("roll back", command.Name, outcome.Error!);
    }

    /// <summary>A refusal as a short sentence: the service's reason, never an exception.</summary>
    public static string Refused(string action, string name, OperationError error) => error.Kind switch
    {
        ErrorKind.NotFound when error.Message.Contains("No object", StringComparison.OrdinalIgnoreCase) => NoSuchObject(name),
        ErrorKind.Forbidden => $"You can't {action} {name}: {ReplyText.Shorten(error.Message, 160)}",
        _ => $"Couldn't {action} {name}: {ReplyText.Shorten(error.Message, 200)}",
    };

    private static string NoSuchObject(string name) => $"There is no object named {name}. Send 'list objects' to see them.";

    private Task<ObjectInfo?> FindAsync(string name) => service.GetAsync(name);
}
