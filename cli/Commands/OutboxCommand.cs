using System.CommandLine;
using System.Text.Json.Nodes;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary><c>outbox</c>: messages the system could not deliver (admins: all; others: their own), newest first.</summary>
public static class OutboxCommand
{
    public static Command Create(CliSession session)
    {
        var channel = new Option<string?>("--channel", "-c") { Description = "sms, voice, email, slack or github" };
        var limit = new Option<int?>("--limit", "-n") { Description = "How many (one page)" };
        var command = new Command("outbox", "Show undelivered messages, newest first") { channel, limit };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var query = Query.Of(("channel", parse.GetValue(channel)), ("pageSize", parse.GetValue(limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var answer = await session.Api.GetAsync("/api/outbox" + query, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var table = Tables.Of("Time", "Channel", "To", "Text", "Why");
            foreach (var m in (answer.Node()?["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                table.Row(Tables.Time(m["createdAt"]?.GetValue<DateTimeOffset>()), EventsCommand.Text(m["channel"]), EventsCommand.Text(m["target"]),
                    EventsCommand.Text(m["text"]), EventsCommand.Text(m["reason"]));
            }
            session.Ansi.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
