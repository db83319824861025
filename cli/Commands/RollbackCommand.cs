using System.CommandLine;

namespace DurableObjects.Cli.Commands;

/// <summary><c>rollback NAME VERSION</c>: makes an earlier version current and redeploys it wherever the object serves.</summary>
public static class RollbackCommand
{
    public static Command Create(CliSession session)
    {
        var name = new Argument<string>("name");
        var version = new Argument<int>("version") { Description = "The version to make current again (redeployed wherever the object serves)" };
        var command = new Command("rollback", "Make an earlier version current again; later versions are kept") { name, version };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var answer = await session.Api.CreateAsync(
                $"/api/objects/{Uri.EscapeDataString(parse.GetValue(name)!)}/rollback", new { version = parse.GetValue(version) }, cancellationToken);
            return DeployCommand.Print(session, answer, o => $"Rolled {o.Name} back to v{o.CurrentVersion}" + (o.Deployments is { Count: > 0 } ? $": {ObjectsCommand.Deployed(o)}" : ""));
        });
        return command;
    }
}
