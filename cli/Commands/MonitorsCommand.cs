using System.CommandLine;
using System.Text.Json.Nodes;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary><c>monitors [list|create|enable|disable|delete]</c>: your event monitors (admins: everyone's).</summary>
public static class MonitorsCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("monitors", "List your event monitors; create, enable, disable or delete one");
        var list = new Command("list", "List monitors");
        session.Handle(command, (_, cancellationToken) => ListAsync(session, cancellationToken));
        session.Handle(list, (_, cancellationToken) => ListAsync(session, cancellationToken));
        command.Add(list);
        command.Add(CreateCommand(session));
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
        var table = Tables.Of("Id", "Owner", "Event", "Subject", "Action", "Channel", "Target", "Schedule", "Enabled", "Fired", "Last error");
        foreach (var m in (answer.Node()?["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            table.Row(Text(m["id"]), Text(m["owner"]), Text(m["eventType"]), Text(m["subject"]), ActionText(m), Text(m["channel"]), Text(m["target"]),
                Text(m["schedule"]), m["enabled"]?.GetValue<bool>() == true ? "yes" : "no", Text(m["firedCount"]), Text(m["lastError"]));
        }
        session.Ansi.Write(table);
        return ExitCodes.Ok;
    }

    // What a monitor does when it fires: a message, a proposed change after N events about one object, or both.
    private static string ActionText(JsonObject monitor) => Text(monitor["action"]) switch
    {
        "" => "notify",
        "notify" => "notify",
        var action => $"{action} after {Text(monitor["proposeAfter"])}",
    };

    /// <summary><c>monitors create --event PATTERN [...]</c>: the same fields as the API and the web page; the server validates them.</summary>
    private static Command CreateCommand(CliSession session)
    {
        var eventType = new Option<string>("--event") { Description = "Event-type pattern: exact (run.failed), prefix (object.*) or suffix (*.failed)", Required = true };
        var name = new Option<string?>("--name") { Description = "A label for people" };
        var subject = new Option<string?>("--subject") { Description = "Only events about this subject (object/calculator, or a bare name)" };
        var conditions = new Option<string[]>("--when") { Description = "Event data field=value that must match (repeatable)", AllowMultipleArgumentsPerToken = false };
        var channel = new Option<string?>("--channel") { Description = "sms, voice, email or slack (default: your preferred channel)" };
        var target = new Option<string?>("--target") { Description = "Email address or Slack channel (sms and voice go to your verified phone)" };
        var rate = new Option<int?>("--rate-limit") { Description = "At most this many messages an hour; the rest go out as one digest" };
        var quiet = new Option<string?>("--quiet-hours") { Description = "No messages then, e.g. 22:00-07:00" };
        var zone = new Option<string?>("--time-zone") { Description = "IANA time zone for quiet hours and the schedule (default UTC)" };
        var schedule = new Option<string?>("--schedule") { Description = "Cron: one summary of the matching events at each time, e.g. '0 9 * * *'" };
        var action = new Option<string?>("--action") { Description = "notify (default), propose (a modification run that waits for approval) or both" };
        var proposeAfter = new Option<int?>("--propose-after") { Description = "For propose: matching events about one object within an hour (default 3)" };
        var disabled = new Option<bool>("--disabled") { Description = "Create it disabled" };
        var command = new Command("create", "Create a monitor: what to watch for and what to do when it happens")
        {
            eventType, name, subject, conditions, channel, target, rate, quiet, zone, schedule, action, proposeAfter, disabled,
        };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var answer = await session.Api.CreateAsync("/api/monitors", new
            {
                eventType = parse.GetValue(eventType),
                name = parse.GetValue(name),
                subject = parse.GetValue(subject),
                conditions = Conditions(parse.GetValue(conditions) ?? []),
                channel = parse.GetValue(channel),
                target = parse.GetValue(target),
                rateLimitPerHour = parse.GetValue(rate),
                quietHours = parse.GetValue(quiet),
                timeZone = parse.GetValue(zone),
                schedule = parse.GetValue(schedule),
                action = parse.GetValue(action),
                proposeAfter = parse.GetValue(proposeAfter),
                enabled = parse.GetValue(disabled) ? false : (bool?)null,
            }, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
            }
            else if (answer.Node() is JsonObject created)
            {
                session.WriteLine($"Created monitor {Text(created["id"])}: {Text(created["eventType"])} -> {ActionText(created)}" +
                                  (Text(created["channel"]) is { Length: > 0 } via ? $" via {via}" : "") + ".");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static Dictionary<string, string>? Conditions(IReadOnlyList<string> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }
        var conditions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var (field, value) = NamedValue.Split(pair, "field=value condition", "Like --when reason=timeout --when environment=production.");
            conditions[field] = value;
        }
        return conditions;
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
                : await session.Api.ActAsync(path, null, cancellationToken);
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
