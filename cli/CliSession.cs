using System.CommandLine;
using DurableObjects.Cli.Api;
using DurableObjects.Cli.Config;
using Spectre.Console;

namespace DurableObjects.Cli;

/// <summary>One invocation of the CLI: its console, environment, <c>--json</c> choice and (once needed) its API client.</summary>
public sealed class CliSession(CliConsole console, CliEnvironment environment) : IDisposable
{
    private ApiClient? _api;

    public CliConsole Console { get; } = console;
    public CliEnvironment Environment { get; } = environment;
    public bool Json { get; private set; }
    public ConfigStore Config { get; } = new(environment);
    public IAnsiConsole Ansi => Console.Ansi;

    /// <summary>Whether to animate: a terminal, and not printing JSON for a script.</summary>
    public bool Live => Console.IsTerminal && !Json;

    /// <summary>The client for the logged-in server (or the one the environment names).</summary>
    public ApiClient Api => _api ??= new ApiClient(
        Config.Load() ?? throw CliException.Unavailable(
            "Not logged in",
            $"Run 'dobj login URL --token TOKEN', or set {CliEnvironment.UrlVariable} and {CliEnvironment.TokenVariable}."),
        Environment.Handler?.Invoke());

    public RunFollower Follower => new(Api, Environment.PollInterval);

    /// <summary>Sets <paramref name="command"/>'s action, with <c>--json</c> read first.</summary>
    public void Handle(Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            Json = parse.GetValue(CliOptions.Json);
            return await action(parse, cancellationToken);
        });

    /// <summary>Prints the server's answer as received (with <c>--json</c>).</summary>
    public void WriteJson(ApiAnswer answer) => Console.Out.WriteLine(answer.Body);

    public void WriteLine(string text = "") => Console.Out.WriteLine(text);

    /// <summary>A note about progress: on standard error, so standard output stays the result.</summary>
    public void Note(string text)
    {
        if (!Json)
        {
            Console.Error.WriteLine(text);
        }
    }

    /// <summary>Prints a failure as title and detail (or the server's problem JSON with <c>--json</c>), never a stack trace.</summary>
    public void Report(CliException problem)
    {
        if (Json && problem.Json is not null)
        {
            Console.Out.WriteLine(problem.Json);
        }
        Console.Error.WriteLine($"error: {problem.Title}");
        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            foreach (var line in problem.Detail.Split('\n'))
            {
                Console.Error.WriteLine($"  {line.TrimEnd()}");
            }
        }
    }

    public void Dispose() => _api?.Dispose();
}
