using System.CommandLine;
using DurableObjects.Cli.Api;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary><c>versions NAME</c>: an object's versions, newest first, the current one marked.</summary>
public static class VersionsCommand
{
    public static Command Create(CliSession session)
    {
        var name = new Argument<string>("name");
        var command = new Command("versions", "List an object's versions, newest first") { name };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var escaped = Uri.EscapeDataString(parse.GetValue(name)!);
            var answer = await session.Api.GetAsync($"/api/objects/{escaped}/versions", cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var current = (await session.Api.GetAsync($"/api/objects/{escaped}", cancellationToken)).As<ObjectView>().CurrentVersion;
            var table = Tables.Of("Version", "Summary", "Author", "Parent", "Created", "Hash");
            foreach (var v in answer.As<PageView<VersionView>>().Items)
            {
                table.Row((v.Number == current ? "* " : "  ") + $"v{v.Number}", v.Summary, v.Author,
                    v.ParentVersion is { } p ? $"v{p}" : "", Tables.Time(v.CreatedAt), v.ContentHash.Length > 12 ? v.ContentHash[..12] : v.ContentHash);
            }
            session.Ansi.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
