using System.CommandLine;

namespace DurableObjects.Cli.Commands;

/// <summary><c>promote NAME --from E</c>: deploys what serves in E to the next environment.</summary>
public static class PromoteCommand
{
    public static Command Create(CliSession session)
    {
        var name = new Argument<string>("name");
        var from = new Option<string>("--from") { Description = "The environment whose version moves to the next one", Required = true };
        var command = new Command("promote", "Deploy what serves in one environment to the next") { name, from };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var answer = await session.Api.CreateAsync(
                $"/api/objects/{Uri.EscapeDataString(parse.GetValue(name)!)}/promote", new { from = parse.GetValue(from) }, cancellationToken);
            return DeployCommand.Print(session, answer, o => $"Promoted {o.Name}: {ObjectsCommand.Deployed(o)}");
        });
        return command;
    }
}
