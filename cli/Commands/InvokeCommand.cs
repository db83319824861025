using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableObjects.Cli.Commands;

/// <summary>
/// <c>invoke NAME METHOD [JSON] [--arg a=1 …] [--env E]</c>: calls a deployed method and prints its JSON result.
/// An <c>--arg</c> value that reads as JSON (a number, true, null, a quoted string, an object) is sent as that; anything
/// else is sent as a string, so <c>--arg name=Ada</c> needs no quotes.
/// </summary>
public static class InvokeCommand
{
    public static Command Create(CliSession session)
    {
        var name = new Argument<string>("name");
        var method = new Argument<string>("method");
        var json = new Argument<string?>("arguments") { Description = "Arguments as a JSON object, e.g. '{\"a\": 1, \"b\": 2}'", Arity = ArgumentArity.ZeroOrOne };
        var args = new Option<string[]>("--arg", "-a") { Description = "One argument as name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var environment = new Option<string?>("--env", "-e") { Description = "Which environment's deployment (default: production)" };
        var command = new Command("invoke", "Call a method of a deployed object; prints its JSON result") { name, method, json, args, environment };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var body = Arguments(parse.GetValue(json), parse.GetValue(args) ?? []);
            var query = parse.GetValue(environment) is { } e ? $"?environment={Uri.EscapeDataString(e)}" : "";
            var answer = await session.Api.InvokeAsync(
                $"/api/objects/{Uri.EscapeDataString(parse.GetValue(name)!)}/invoke/{Uri.EscapeDataString(parse.GetValue(method)!)}{query}", body, cancellationToken);
            session.WriteLine(answer.Body);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static JsonObject Arguments(string? json, IEnumerable<string> pairs)
    {
        JsonObject body;
        try
        {
            body = string.IsNullOrWhiteSpace(json) ? [] : JsonNode.Parse(json) as JsonObject
                ?? throw CliException.Usage("The arguments must be a JSON object", "Like '{\"a\": 1, \"b\": 2}'.");
        }
        catch (JsonException ex)
        {
            throw CliException.Usage("The arguments are not valid JSON", ex.Message);
        }
        foreach (var pair in pairs)
        {
            var (name, value) = NamedValue.Split(pair, "name=value argument", "Like --arg a=1 --arg name=Ada.");
            body[name] = Value(value);
        }
        return body;
    }

    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
