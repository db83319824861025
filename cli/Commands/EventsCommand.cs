using System.CommandLine;
using System.Text.Json.Nodes;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary><c>events</c>: the audit log, newest first, filtered like <c>GET /api/events</c>.</summary>
public static class EventsCommand
{
    public static Command Create(CliSession session)
    {
        var type = new Option<string?>("--type", "-t") { Description = "Exact type, or a prefix ending in '.' (object.)" };
        var subject = new Option<string?>("--subject", "-s") { Description = "Like object/calculator" };
        var actor = new Option<string?>("--actor") { Description = "Who did it" };
        var limit = new Option<int?>("--limit", "-n") { Description = "How many (one page)" };
        var command = new Command("events", "Show the audit log, newest first") { type, subject, actor, limit };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var query = Query.Of(("type", parse.GetValue(type)), ("subject", parse.GetValue(subject)), ("actor", parse.GetValue(actor)), ("pageSize", parse.GetValue(limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var answer = await session.Api.GetAsync("/api/events" + query, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var table = Tables.Of("Time", "Type", "Subject", "Actor", "Data");
            foreach (var e in (answer.Node()?["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var data = (e["data"] as JsonObject ?? []).Select(d => $"{d.Key}={d.Value}");
                table.Row(Tables.Time(e["time"]?.GetValue<DateTimeOffset>()), Text(e["type"]), Text(e["subject"]), Text(e["actor"]), string.Join(" ", data));
            }
            session.Ansi.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";
}
