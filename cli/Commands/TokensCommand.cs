using System.CommandLine;
using System.Text.RegularExpressions;
using DurableObjects.Cli.Api;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary>
/// <c>tokens [list|create|revoke]</c>: your personal API tokens (admins: anyone's, with <c>--user</c>). A new token is
/// printed once, alone on standard output (so <c>TOKEN=$(dobj tokens create)</c> works), with the reminder on standard
/// error; the server keeps only its hash and cannot show it again.
/// </summary>
public static partial class TokensCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("tokens", "List your API tokens; create or revoke one");
        var user = UserOption();
        command.Add(user);
        var listUser = UserOption();
        var list = new Command("list", "List your API tokens (never shows a token itself)") { listUser };
        session.Handle(command, (parse, cancellationToken) => ListAsync(session, parse.GetValue(user), cancellationToken));
        session.Handle(list, (parse, cancellationToken) => ListAsync(session, parse.GetValue(listUser), cancellationToken));
        command.Add(list);
        command.Add(CreateCommand(session));
        command.Add(RevokeCommand(session));
        return command;
    }

    private static Option<string?> UserOption() => new("--user") { Description = "Another user's tokens (admins)" };

    private static async Task<int> ListAsync(CliSession session, string? user, CancellationToken cancellationToken)
    {
        var answer = await session.Api.GetAsync(TokensPath(user), cancellationToken);
        if (session.Json)
        {
            session.WriteJson(answer);
            return ExitCodes.Ok;
        }
        var tokens = answer.As<PageView<TokenView>>().Items;
        var table = Tables.Of("Id", "Name", "Created");
        foreach (var token in tokens)
        {
            table.Row(token.Id, token.Name, Tables.Time(token.CreatedAt));
        }
        session.Ansi.Write(table);
        session.Note(tokens.Count == 0 ? "No tokens." : "Revoke one with: dobj tokens revoke ID");
        return ExitCodes.Ok;
    }

    private static Command CreateCommand(CliSession session)
    {
        var name = new Option<string?>("--name") { Description = "A label to tell it apart later (default: api)" };
        var command = new Command("create", "Create a personal API token for yourself; it is shown only this once") { name };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var answer = await session.Api.CreateAsync("/api/tokens", new { name = parse.GetValue(name) }, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var created = answer.As<NewTokenView>();
            session.WriteLine(created.Token);
            session.Note($"Created token {created.TokenId} for {created.UserId}. Copy it now: it will not be shown again " +
                         $"(only its hash is kept). Revoke it with: dobj tokens revoke {created.TokenId}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeCommand(CliSession session)
    {
        var id = new Argument<string>("id") { Description = "The token's id, as 'dobj tokens list' shows it (12 hex digits)" };
        var user = UserOption();
        var command = new Command("revoke", "Revoke one of your tokens (or, for admins, another user's with --user); it stops working at once") { id, user };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var tokenId = parse.GetValue(id)!.Trim();
            if (!ShortId().IsMatch(tokenId))
            {
                throw CliException.Usage($"Not a token id: '{tokenId}'",
                    "A token id is the 12 lower-case hex digits 'dobj tokens list' shows (not the token itself). Nothing was revoked.");
            }
            ApiAnswer answer;
            try
            {
                answer = await session.Api.DeleteAsync($"{TokensPath(parse.GetValue(user))}/{tokenId}", cancellationToken);
            }
            catch (CliException problem) when (problem.Status == 404)
            {
                throw new CliException(ExitCodes.Refused, "No such token",
                    $"{problem.Detail} Nothing was revoked; see the ids with: dobj tokens list", problem.Json);
            }
            catch (CliException problem) when (problem is { Status: 401, AfterRetry: true } && tokenId == session.Api.TokenId)
            {
                // The first attempt revoked the very token the request signs in with and its answer was lost: the retry,
                // signed with that token, is refused. That refusal is the revoke's effect, not a failure.
                if (session.Json)
                {
                    session.WriteLine(); // as a revoke answered at once: 204, no body
                }
                else
                {
                    session.WriteLine($"Revoked token {tokenId}, the one this CLI signs in with: the server's first answer was lost " +
                                      "and the retry was refused with it. Log in with another token: dobj login URL --token TOKEN");
                }
                return ExitCodes.Ok;
            }
            if (session.Json)
            {
                session.WriteJson(answer);
            }
            else
            {
                session.WriteLine($"Revoked token {tokenId}: it is refused from now on (by other hosts within their token cache bound, 30 s by default).");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string TokensPath(string? user) =>
        string.IsNullOrEmpty(user) ? "/api/tokens" : $"/api/users/{Uri.EscapeDataString(user)}/tokens";

    [GeneratedRegex(@"^[0-9a-f]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ShortId();
}
