using System.CommandLine;
using DurableObjects.Cli.Api;
using DurableObjects.Cli.Config;
using Spectre.Console;

namespace DurableObjects.Cli.Commands;

/// <summary>
/// <c>login URL [--token T]</c>: checks the token against <c>GET /api/me</c>, then stores URL and token in the user's
/// config folder (mode 600). Without <c>--token</c> it asks on a terminal (hidden input) or uses DURABLEOBJECTS_TOKEN.
/// <c>logout</c> forgets them.
/// </summary>
public static class LoginCommand
{
    public static Command Create(CliSession session)
    {
        var url = new Argument<string>("url") { Description = "The host's address, e.g. http://127.0.0.1:5080" };
        var token = new Option<string?>("--token") { Description = "An API token (do_…); asked for when omitted on a terminal" };
        var command = new Command("login", "Store the server URL and your API token for later commands") { url, token };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var secret = parse.GetValue(token) ?? session.Environment.Variable(CliEnvironment.TokenVariable);
            if (string.IsNullOrWhiteSpace(secret))
            {
                secret = session.Console.IsTerminal
                    ? await session.Ansi.PromptAsync(new TextPrompt<string>("API token:").Secret(), cancellationToken)
                    : throw CliException.Usage("No token given", $"Pass --token TOKEN or set {CliEnvironment.TokenVariable}.");
            }
            var settings = new CliSettings(parse.GetValue(url)!.TrimEnd('/'), secret.Trim());
            using var api = new ApiClient(settings, session.Environment.Handler?.Invoke());
            var answer = await api.GetAsync("/api/me", cancellationToken);
            session.Config.Save(settings);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var me = answer.As<MeView>();
            session.WriteLine($"Logged in to {settings.Url} as {me.Id} ({me.Role}).");
            session.WriteLine($"Saved in {session.Config.FilePath} (readable only by you).");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateLogout(CliSession session)
    {
        var command = new Command("logout", "Forget the stored URL and token");
        session.Handle(command, (_, _) =>
        {
            session.WriteLine(session.Config.Delete() ? $"Removed {session.Config.FilePath}." : "Not logged in.");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
