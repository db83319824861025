using System.CommandLine;
using System.Text.RegularExpressions;
using DurableObjects.Cli.Api;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary>
/// <c>users [list|create|set-role|disable|enable]</c> (admins): who may use the system and how. A new user's first token
/// is printed once, alone on standard output, as <c>tokens create</c> does. Ids and roles are checked here before
/// anything is sent (exit 2); the server's refusals — an unknown user, demoting or disabling yourself — exit 3.
/// </summary>
public static partial class UsersCommand
{
    private static readonly string[] Roles = ["viewer", "member", "admin"];

    public static Command Create(CliSession session)
    {
        var command = new Command("users", "Users (admins): list, create, change a role, disable or enable an account");
        var list = new Command("list", "List users: role, and whether the account is disabled");
        session.Handle(command, (_, cancellationToken) => ListAsync(session, cancellationToken));
        session.Handle(list, (_, cancellationToken) => ListAsync(session, cancellationToken));
        command.Add(list);
        command.Add(CreateCommand(session));
        command.Add(SetRoleCommand(session));
        command.Add(AccessCommand(session, disable: true));
        command.Add(AccessCommand(session, disable: false));
        return command;
    }

    private static async Task<int> ListAsync(CliSession session, CancellationToken cancellationToken)
    {
        var answer = await session.Api.GetAsync("/api/users", cancellationToken);
        if (session.Json)
        {
            session.WriteJson(answer);
            return ExitCodes.Ok;
        }
        var users = answer.As<List<UserView>>();
        var table = Tables.Of("Id", "Role", "Account", "Created");
        foreach (var user in users.OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            table.Row(user.Id, user.Role, user.Disabled ? "disabled" : "enabled", Tables.Time(user.CreatedAt));
        }
        session.Ansi.Write(table);
        return ExitCodes.Ok;
    }

    private static Command CreateCommand(CliSession session)
    {
        var name = new Argument<string>("name") { Description = "The user's name, which is their id (a letter, then letters, digits, '.', '-' or '_')" };
        var role = new Option<string>("--role") { Description = "viewer, member (default) or admin", DefaultValueFactory = _ => "member" };
        var command = new Command("create", "Create a user; their first API token is shown only this once") { name, role };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var id = CheckId(parse.GetValue(name)!);
            var answer = await session.Api.CreateAsync("/api/users", new { name = id, role = CheckRole(parse.GetValue(role)!) }, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var created = answer.As<NewUserView>();
            session.WriteLine(created.Token.Token);
            session.Note($"Created {created.User.Role} {created.User.Id} with token {created.Token.TokenId}. Hand it over now: it will not be " +
                         "shown again (only its hash is kept).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SetRoleCommand(CliSession session)
    {
        var id = IdArgument();
        var role = new Argument<string>("role") { Description = "viewer, member or admin" };
        var command = new Command("set-role", "Change a user's role (not your own); it applies from their next request") { id, role };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var userId = CheckId(parse.GetValue(id)!);
            var answer = await PatchAsync(session, userId, new { role = CheckRole(parse.GetValue(role)!) }, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var user = answer.As<UserView>();
            session.WriteLine($"{user.Id} is now {(user.Role == "admin" ? "an" : "a")} {user.Role}{(user.Disabled ? " (the account is disabled)" : "")}.");
            session.Note(TakesEffect);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command AccessCommand(CliSession session, bool disable)
    {
        var id = IdArgument();
        var command = disable
            ? new Command("disable", "Disable a user's account (not your own): their tokens, phone and Slack commands are refused; nothing is deleted") { id }
            : new Command("enable", "Enable a disabled account again: the same tokens, phone and Slack link work again") { id };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var userId = CheckId(parse.GetValue(id)!);
            var answer = await PatchAsync(session, userId, new { disabled = disable }, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var user = answer.As<UserView>();
            session.WriteLine(disable
                ? $"Disabled {user.Id}: their tokens, phone and Slack commands are refused; their objects, runs and monitors stay. Undo with: dobj users enable {user.Id}"
                : $"Enabled {user.Id}: their tokens, phone and Slack link work again.");
            session.Note(TakesEffect);
            return ExitCodes.Ok;
        });
        return command;
    }

    private const string TakesEffect = "At once on the host that answered; on other hosts within their token cache bound (30 s by default).";

    private static Argument<string> IdArgument() => new("id") { Description = "The user's id, as 'dobj users list' shows it" };

    private static async Task<ApiAnswer> PatchAsync(CliSession session, string userId, object change, CancellationToken cancellationToken)
    {
        try
        {
            return await session.Api.PatchAsync($"/api/users/{Uri.EscapeDataString(userId)}", change, cancellationToken);
        }
        catch (CliException problem) when (problem.Status == 404)
        {
            throw new CliException(ExitCodes.Refused, "No such user", $"{problem.Detail} Nothing was changed; see the ids with: dobj users list", problem.Json);
        }
    }

    private static string CheckId(string id)
    {
        var trimmed = id.Trim();
        return UserName().IsMatch(trimmed)
            ? trimmed.ToLowerInvariant()
            : throw CliException.Usage($"Not a user id: '{trimmed}'",
                "A user id starts with a letter and has 1 to 64 letters, digits, '.', '-' or '_'. Nothing was sent.");
    }

    private static string CheckRole(string role)
    {
        var lower = role.Trim().ToLowerInvariant();
        return Roles.Contains(lower)
            ? lower
            : throw CliException.Usage($"Not a role: '{role.Trim()}'", "A role is viewer, member or admin. Nothing was sent.");
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserName();
}
