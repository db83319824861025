using System.CommandLine;
using DurableObjects.Cli.Commands;

namespace DurableObjects.Cli;

/// <summary>
/// The CLI's entry: builds the command tree for one invocation and runs it. Usage errors exit 2; failures the user
/// should read (<see cref="CliException"/>) are printed as title and detail and exit with their code; nothing prints
/// a stack trace. Tests call <see cref="RunAsync"/> in-process with their own console and environment.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        using var session = new CliSession(console, environment);
        var root = Build(session);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"error: {error.Message}");
            }
            console.Error.WriteLine("See 'dobj --help' (or 'dobj COMMAND --help').");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (CliException problem)
        {
            session.Report(problem);
            return problem.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C (System.CommandLine cancels the action's token) or the caller's token: not a crash.
            console.Error.WriteLine("Cancelled. A run that was started keeps going on the server: dobj runs list.");
            return 130;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            session.Report(CliException.Usage("Cannot read or write a local file", ex.Message));
            return ExitCodes.Usage;
        }
    }

    private static RootCommand Build(CliSession session)
    {
        var root = new RootCommand("dobj: the DurableObjects command line. Pull and push object files, follow runs live, deploy, invoke.")
        {
            CliOptions.Json,
            LoginCommand.Create(session),
            LoginCommand.CreateLogout(session),
            ObjectsCommand.Create(session),
            VersionsCommand.Create(session),
            DiffCommand.Create(session),
            PullCommand.Create(session),
            PushCommand.Create(session),
            DevCommand.Create(session),
            ModifyCommand.Create(session),
            RunsCommand.Create(session),
            DeployCommand.Create(session),
            PromoteCommand.Create(session),
            RollbackCommand.Create(session),
            InvokeCommand.Create(session),
            MonitorsCommand.Create(session),
            EventsCommand.Create(session),
            AuditCommand.Create(session),
            HealthCommand.Create(session),
            OutboxCommand.Create(session),
            TokensCommand.Create(session),
            UsersCommand.Create(session),
        };
        return root;
    }
}
