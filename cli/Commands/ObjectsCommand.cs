using System.CommandLine;
using System.Text.Json.Nodes;
using DurableObjects.Cli.Api;
using DurableObjects.Cli.Files;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary><c>objects list|show|create|deprecate</c>.</summary>
public static class ObjectsCommand
{
    public static Command Create(CliSession session) => new("objects", "List, show, create and deprecate objects")
    {
        List(session), Show(session), New(session), Deprecate(session),
    };

    private static Command List(CliSession session)
    {
        var status = new Option<string?>("--status") { Description = "Only objects with this status (draft, deployed, failed, deprecated)" };
        var all = new Option<bool>("--all") { Description = "Every page, not just the first" };
        var command = new Command("list", "List objects") { status, all };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var query = parse.GetValue(status) is { } s ? $"status={Uri.EscapeDataString(s)}&" : "";
            var items = new List<ObjectView>();
            var nodes = new JsonArray();
            string? continuation = null;
            ApiAnswer answer;
            do
            {
                var token = continuation is null ? "" : $"continuationToken={Uri.EscapeDataString(continuation)}";
                answer = await session.Api.GetAsync($"/api/objects?{query}{token}", cancellationToken);
                var page = answer.As<PageView<ObjectView>>();
                items.AddRange(page.Items);
                foreach (var item in (answer.Node()!["items"] as JsonArray ?? []))
                {
                    nodes.Add(item?.DeepClone());
                }
                continuation = parse.GetValue(all) ? page.ContinuationToken : null;
            }
            while (continuation is not null);
            if (session.Json)
            {
                session.WriteLine(parse.GetValue(all) ? new JsonObject { ["items"] = nodes, ["continuationToken"] = null }.ToJsonString() : answer.Body);
                return ExitCodes.Ok;
            }
            var table = Tables.Of("Name", "Status", "Current", "Latest", "Deployed", "Owner", "Updated");
            foreach (var o in items)
            {
                table.Row(o.Name, o.Status, $"v{o.CurrentVersion}", $"v{o.LatestVersion}", Deployed(o), o.Owner, Tables.Time(o.UpdatedAt));
            }
            session.Ansi.Write(table);
            if (!parse.GetValue(all) && answer.As<PageView<ObjectView>>().ContinuationToken is not null)
            {
                session.Note("More objects: add --all.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliSession session)
    {
        var name = new Argument<string>("name");
        var command = new Command("show", "Show one object") { name };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var answer = await session.Api.GetAsync($"/api/objects/{Uri.EscapeDataString(parse.GetValue(name)!)}", cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var o = answer.As<ObjectView>();
            var table = Tables.Of("Field", "Value")
                .Row("name", o.Name).Row("description", o.Description).Row("status", o.Status)
                .Row("current version", $"v{o.CurrentVersion}").Row("latest version", $"v{o.LatestVersion}")
                .Row("deployed", Deployed(o)).Row("owner", o.Owner).Row("public invoke", o.PublicInvoke ? "yes" : "no")
                .Row("created", Tables.Time(o.CreatedAt)).Row("updated", Tables.Time(o.UpdatedAt));
            if (o.LastError is { Length: > 0 } error)
            {
                table.Row("last error", error);
            }
            session.Ansi.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command New(CliSession session)
    {
        var name = new Argument<string>("name");
        var dir = FolderArgument.Create("Folder with the object's .cs files (default: the current folder)", ".");
        var description = new Option<string>("--description", "-d") { Description = "What the object is for", DefaultValueFactory = _ => "" };
        var summary = new Option<string?>("--message", "-m") { Description = "Summary of version 1" };
        var command = new Command("create", "Create an object from a folder's .cs files (version 1); the folder becomes its working copy") { name, dir, description, summary };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var folder = session.Environment.ResolvePath(parse.GetValue(dir)!);
            var files = WorkingCopy.Read(folder);
            if (files.Count == 0)
            {
                throw CliException.Usage($"No .cs files in {folder}", "Write the object's class in a .cs file there first.");
            }
            if (Manifest.Load(folder) is { } existing)
            {
                throw CliException.Usage($"{folder} is already a working copy of {existing.ObjectName}", "Create from another folder.");
            }
            var answer = await session.Api.CreateAsync("/api/objects", new
            {
                name = parse.GetValue(name),
                description = parse.GetValue(description),
                files,
                summary = parse.GetValue(summary),
            }, cancellationToken);
            var created = answer.As<ObjectView>();
            new Manifest(session.Api.BaseAddress.ToString(), created.Name, created.CurrentVersion, null, DateTimeOffset.UtcNow, WorkingCopy.Hashes(files)).Save(folder);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            session.WriteLine($"Created {created.Name} v{created.CurrentVersion} ({created.Status}) from {files.Count} file(s); {folder} tracks it.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Deprecate(CliSession session)
    {
        var name = new Argument<string>("name");
        var command = new Command("deprecate", "Deprecate an object: still readable, no more changes or deploys") { name };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var answer = await session.Api.ActAsync($"/api/objects/{Uri.EscapeDataString(parse.GetValue(name)!)}/deprecate", null, cancellationToken);
            if (session.Json)
            {
                session.WriteJson(answer);
                return ExitCodes.Ok;
            }
            var o = answer.As<ObjectView>();
            session.WriteLine($"{o.Name} is {o.Status}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Deployed(ObjectView o) =>
        string.Join(", ", (o.Deployments ?? []).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}=v{d.Value.Version}"));
}
