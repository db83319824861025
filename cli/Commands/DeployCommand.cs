using System.CommandLine;
using DurableObjects.Cli.Api;

namespace DurableObjects.Cli.Commands;

/// <summary><c>deploy NAME [--version N] [--env E]</c>: prints where each version of the object serves afterwards.</summary>
public static class DeployCommand
{
    public static Command Create(CliSession session)
    {
        var name = new Argument<string>("name");
        var version = new Option<int?>("--version", "-v") { Description = "Which version (default: the current one)" };
        var environment = new Option<string?>("--env", "-e") { Description = "development, staging or production (default: the server's default)" };
        var command = new Command("deploy", "Deploy a version to an environment: compile, start a runner, smoke-check, run its tests, switch") { name, version, environment };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var answer = await session.Api.CreateAsync(
                $"/api/objects/{Uri.EscapeDataString(parse.GetValue(name)!)}/deploy",
                new { version = parse.GetValue(version), environment = parse.GetValue(environment) },
                cancellationToken);
            return Print(session, answer, o => $"Deployed {o.Name}: {ObjectsCommand.Deployed(o)}");
        });
        return command;
    }

    internal static int Print(CliSession session, ApiAnswer answer, Func<ObjectView, string> describe)
    {
        if (session.Json)
        {
            session.WriteJson(answer);
        }
        else
        {
            session.WriteLine(describe(answer.As<ObjectView>()));
        }
        return ExitCodes.Ok;
    }
}
