using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary>
/// <c>audit verify|chain</c>: the decision chain (reward decisions, approvals, commits, deploys, rollbacks).
/// <c>verify</c> exits 0 when the chain is intact and <see cref="ExitCodes.ChainBroken"/> when it names a broken link,
/// so a scheduled job can alert on it.
/// </summary>
public static class AuditCommand
{
    public static Command Create(CliSession session) => new("audit", "Verify and list the tamper-evident decision chain")
    {
        Verify(session), Chain(session),
    };

    private static Command Verify(CliSession session)
    {
        var command = new Command("verify", "Walk the decision chain; name the first changed, unlinked or missing record");
        session.Handle(command, async (_, cancellationToken) =>
        {
            var answer = await session.Api.GetAsync("/api/audit/verify", cancellationToken);
            var result = answer.Node() as JsonObject ?? [];
            var intact = result["intact"]?.GetValue<bool>() == true;
            if (session.Json)
            {
                session.WriteJson(answer);
            }
            else if (intact)
            {
                session.WriteLine($"intact: {Number(result["records"])} record(s), head {result["headHash"]?.GetValue<string>() ?? "(empty)"}");
            }
            else
            {
                session.WriteLine($"BROKEN at record {Number(result["brokenAt"])}: {result["reason"]?.GetValue<string>()}");
                if (result["brokenKey"]?.GetValue<string>() is { } key)
                {
                    session.WriteLine($"record key: {key}");
                }
            }
            return intact ? ExitCodes.Ok : ExitCodes.ChainBroken;
        });
        return command;
    }

    private static Command Chain(CliSession session)
    {
        var limit = new Option<int?>("--limit", "-n") { Description = "How many (one page, newest first)" };
        var command = new Command("chain", "List the decision chain's records, newest first") { limit };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var query = Query.Of(("pageSize", parse.GetValue(limit)?.ToString(CultureInfo.InvariantCulture)));
            var answer = await session.Api.GetAsync("/api/audit/chain" + query, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var table = Tables.Of("#", "Time", "Type", "Subject", "Actor", "Hash");
            foreach (var r in (answer.Node()?["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                table.Row(Number(r["sequence"]), Tables.Time(r["time"]?.GetValue<DateTimeOffset>()), EventsCommand.Text(r["type"]),
                    EventsCommand.Text(r["subject"]), EventsCommand.Text(r["actor"]), EventsCommand.Text(r["hash"])[..Math.Min(12, EventsCommand.Text(r["hash"]).Length)]);
            }
            session.Ansi.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Number(JsonNode? node) => node?.GetValue<long>().ToString(CultureInfo.InvariantCulture) ?? "?";
}
