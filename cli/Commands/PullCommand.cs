using System.CommandLine;
using DurableObjects.Cli.Api;
using DurableObjects.Cli.Files;

namespace DurableObjects.Cli.Commands;

/// <summary>
/// <c>pull NAME [DIR] [--version N]</c>: writes a version's files into DIR (default ./NAME) with a manifest of the
/// version and each file's hash. Like git, it will not overwrite local edits unless told to (<c>--force</c>).
/// </summary>
public static class PullCommand
{
    public static Command Create(CliSession session)
    {
        var name = new Argument<string>("name");
        var dir = FolderArgument.Create("Where to write the files (default: ./NAME)", null);
        var version = new Option<int?>("--version", "-v") { Description = "Which version (default: the current one)" };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite local edits" };
        var command = new Command("pull", "Write an object's files into a folder, with a manifest for push") { name, dir, version, force };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var objectName = parse.GetValue(name)!;
            var folder = session.Environment.ResolvePath(parse.GetValue(dir) ?? objectName);
            var previous = Manifest.Load(folder);
            if (!parse.GetValue(force))
            {
                Guard(folder, objectName, previous);
            }
            var escaped = Uri.EscapeDataString(objectName);
            var current = (await session.Api.GetAsync($"/api/objects/{escaped}", cancellationToken)).As<ObjectView>();
            var number = parse.GetValue(version) ?? current.CurrentVersion;
            var answer = await session.Api.GetAsync($"/api/objects/{escaped}/versions/{number}", cancellationToken);
            var pulled = answer.As<VersionView>();
            var files = pulled.Files ?? [];
            var canonical = current.Name;
            WorkingCopy.Write(folder, files, previous?.Files.Keys ?? Enumerable.Empty<string>());
            new Manifest(session.Api.BaseAddress.ToString(), canonical, pulled.Number, pulled.ContentHash, DateTimeOffset.UtcNow, WorkingCopy.Hashes(files)).Save(folder);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            session.WriteLine($"Pulled {canonical} v{pulled.Number} into {folder} ({files.Count} file(s)).");
            foreach (var path in files.Keys.Order(StringComparer.Ordinal))
            {
                session.WriteLine($"  {path}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Refuses to overwrite edits: files changed since the last pull, or untracked files the pull would replace.</summary>
    private static void Guard(string folder, string objectName, Manifest? previous)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        if (previous is not null && !string.Equals(previous.ObjectName, objectName, StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.Refused($"{folder} tracks {previous.ObjectName}, not {objectName}", "Pull into another folder, or add --force.");
        }
        var local = WorkingCopy.Read(folder);
        var changes = previous is null
            ? new Changes([], [.. local.Keys], [])
            : Changes.Between(previous.Files, local);
        if (changes.Modified.Count + changes.Added.Count + changes.Deleted.Count > 0)
        {
            throw CliException.Refused(
                $"Your local changes in {folder} would be overwritten",
                string.Join("\n", changes.Lines()) + "\nPush them first (dobj push), or pull --force to discard them.");
        }
    }
}
