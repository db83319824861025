using System.CommandLine;
using Spectre.Console;

namespace DurableObjects.Cli.Commands;

/// <summary><c>diff NAME FROM TO</c>: the server's unified diff between two versions, coloured on a terminal.</summary>
public static class DiffCommand
{
    public static Command Create(CliSession session)
    {
        var name = new Argument<string>("name");
        var from = new Argument<string>("from") { Description = "Older version (3 or v3)" };
        var to = new Argument<string>("to") { Description = "Newer version" };
        var command = new Command("diff", "Unified diff between two versions of an object") { name, from, to };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var answer = await session.Api.GetAsync(
                $"/api/objects/{Uri.EscapeDataString(parse.GetValue(name)!)}/diff?from={Uri.EscapeDataString(parse.GetValue(from)!)}&to={Uri.EscapeDataString(parse.GetValue(to)!)}",
                cancellationToken);
            if (!session.Live)
            {
                session.Console.Out.Write(answer.Body);
                return ExitCodes.Ok;
            }
            foreach (var line in answer.Body.Split('\n'))
            {
                var style = line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? "bold"
                    : line.StartsWith('+') ? "green" : line.StartsWith('-') ? "red" : line.StartsWith("@@", StringComparison.Ordinal) ? "cyan" : null;
                session.Ansi.MarkupLine(style is null ? Markup.Escape(line) : $"[{style}]{Markup.Escape(line)}[/]");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
