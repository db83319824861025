using System.CommandLine;
using System.Text.Json.Nodes;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary><c>monitors [list|enable|disable|delete]</c>: your event monitors (admins: everyone's).</summary>
public static class MonitorsCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("monitors", "List your event monitors; enable, disable or delete one");
        var list = new Command("list", "List monitors");
        session.Handle(command, (_, cancellationToken) => ListAsync(session, cancellationToken));
        session.Handle(list, (_, cancellationToken) => ListAsync(session, cancellationToken));
        command.Add(list);
        command.Add(Act(session, "enable", "Enable a monitor (events from now on)", HttpMethod.Post));
        command.Add(Act(session, "disable", "Disable a monitor", HttpMethod.Post));
        command.Add(Act(session, "delete", "Delete a monitor", HttpMethod.Delete));
        return command;
    }

    private static async Task<int> ListAsync(CliSession session, CancellationToken cancellationToken)
    {
        var answer = await session.Api.GetAsync("/api/monitors", cancellationToken);
        if (session.Json)
        {
            session.WriteJson(answer);
            return ExitCodes.Ok;
        }
        var table = Tables.Of("Id", "Owner", "Event", "Subject", "Channel", "Target", "Schedule", "Enabled", "Fired", "Last error");
        foreach (var m in (answer.Node()?["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            table.Row(Text(m["id"]), Text(m["owner"]), Text(m["eventType"]), Text(m["subject"]), Text(m["channel"]), Text(m["target"]),
                Text(m["schedule"]), m["enabled"]?.GetValue<bool>() == true ? "yes" : "no", Text(m["firedCount"]), Text(m["lastError"]));
        }
        session.Ansi.Write(table);
        return ExitCodes.Ok;
    }

    private static Command Act(CliSession session, string verb, string description, HttpMethod method)
    {
        var id = new Argument<string>("id");
        var command = new Command(verb, description) { id };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var path = $"/api/monitors/{Uri.EscapeDataString(parse.GetValue(id)!)}" + (method == HttpMethod.Delete ? "" : $"/{verb}");
            var answer = method == HttpMethod.Delete
                ? await session.Api.DeleteAsync(path, cancellationToken)
                : await session.Api.PostAsync(path, null, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
            }
            else
            {
                session.WriteLine($"Monitor {parse.GetValue(id)}: {verb}d.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";
}
