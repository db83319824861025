using System.CommandLine;
using DurableObjects.Cli.Api;
using DurableObjects.Cli.Files;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary>
/// <c>push [DIR]</c>: sends the folder's files as an "evaluate and apply" run (<c>POST /api/objects/{name}/modifications</c>
/// with <c>{files, summary}</c>) and follows it live: steps, gates, judge scores against thresholds. Exit 0 when the
/// run is accepted, 1 with the reasons when not. A run's files become the whole next version, so every file in the
/// folder is sent, and only when something changed. Refused, as git would, when the object moved on since the pull:
/// checked here first, then by the server, which gets the pulled version as the run's <c>baseVersion</c> (unless
/// <c>--force</c>) and refuses it (409) if the object moved in between, and the run commits only on top of it.
/// </summary>
public static class PushCommand
{
    public static Command Create(CliSession session)
    {
        var dir = FolderArgument.Create("A pulled folder (default: the current folder)", ".");
        var message = new Option<string?>("--message", "-m") { Description = "Summary of the change (default: the files changed)" };
        var force = new Option<bool>("--force", "-f") { Description = "Push even though the object moved on since the pull (replaces the newer version's files)" };
        var noDeploy = new Option<bool>("--no-deploy") { Description = "Do not deploy the accepted version" };
        var requireApproval = new Option<bool>("--require-approval") { Description = "Wait for a human to approve before committing" };
        var approve = new Option<bool>("--approve-when-ready") { Description = "Approve the run yourself when it waits for approval" };
        var detach = new Option<bool>("--detach") { Description = "Start the run, print its id and return without following it" };
        var command = new Command("push", "Evaluate and apply your edited files as the next version, following the run live")
        {
            dir, message, force, noDeploy, requireApproval, approve, detach,
        };
        session.Handle(command, (parse, cancellationToken) => PushAsync(
            session,
            session.Environment.ResolvePath(parse.GetValue(dir)!),
            new PushOptions(
                parse.GetValue(message),
                parse.GetValue(force),
                parse.GetValue(noDeploy) ? false : null,
                parse.GetValue(requireApproval) ? true : null,
                parse.GetValue(approve),
                parse.GetValue(detach)),
            cancellationToken));
        return command;
    }

    public static async Task<int> PushAsync(CliSession session, string folder, PushOptions options, CancellationToken cancellationToken)
    {
        var manifest = Manifest.Load(folder)
            ?? throw CliException.Usage($"{folder} is not a pulled folder (no {Manifest.FileName})", "Pull the object first: dobj pull NAME DIR.");
        var files = WorkingCopy.Read(folder);
        var changes = Changes.Between(manifest.Files, files);
        if (!changes.Any)
        {
            session.Note($"Nothing to push: {folder} matches {manifest.ObjectName} v{manifest.Version}.");
            return ExitCodes.Ok;
        }
        if (files.Count == 0)
        {
            throw CliException.Usage($"No .cs files left in {folder}", "An object needs at least one file.");
        }
        var name = Uri.EscapeDataString(manifest.ObjectName);
        var current = (await session.Api.GetAsync($"/api/objects/{name}", cancellationToken)).As<ObjectView>();
        if (current.CurrentVersion != manifest.Version && !options.Force)
        {
            throw CliException.Refused(
                $"{manifest.ObjectName} moved on since your pull: v{current.CurrentVersion} is current, you pulled v{manifest.Version}",
                $"Your push would replace v{current.CurrentVersion} with files based on v{manifest.Version}.\n" +
                $"See what changed: dobj diff {manifest.ObjectName} {manifest.Version} {current.CurrentVersion}\n" +
                $"Then pull v{current.CurrentVersion} into another folder and carry your edits over, or push --force to replace it anyway.");
        }
        if (!session.Json)
        {
            session.WriteLine($"Pushing {manifest.ObjectName} (based on v{manifest.Version}):");
            foreach (var line in changes.Lines())
            {
                session.WriteLine(line);
            }
        }
        var answer = await StartAsync(session, manifest, name, new
        {
            files,
            summary = options.Message ?? changes.Describe(),
            deploy = options.Deploy,
            requireApproval = options.RequireApproval,
            // The check above is the client's; this one is the server's, made where the object cannot move in between.
            baseVersion = options.Force ? (int?)null : manifest.Version,
        }, cancellationToken);
        var ticket = answer.As<RunTicket>();
        if (options.Detach)
        {
            if (session.Json)
            {
                session.WriteJson(answer);
            }
            else
            {
                session.WriteLine($"Started run {ticket.RunId}: dobj runs watch {ticket.RunId}");
            }
            return ExitCodes.Ok;
        }
        var exit = await RunWatch.FollowAsync(session, ticket.RunId, options.ApproveWhenReady, cancellationToken);
        if (exit == ExitCodes.Ok && await CommittedVersionAsync(session, ticket.RunId, cancellationToken) is { } version)
        {
            // The folder now matches the new version: the next push is based on it, with no pull in between.
            var committed = (await session.Api.GetAsync($"/api/objects/{name}/versions/{version}", cancellationToken)).As<VersionView>();
            (manifest with { Version = version, ContentHash = committed.ContentHash, PulledAt = DateTimeOffset.UtcNow, Files = WorkingCopy.Hashes(committed.Files is { } stored ? stored : files) })
                .Save(folder);
        }
        return exit;
    }

    /// <summary>
    /// Starts the run. A 409 that names versions is the server refusing files made from a version that is no longer
    /// current (the object moved after the check above): said as such, with what to do.
    /// </summary>
    private static async Task<ApiAnswer> StartAsync(CliSession session, Manifest manifest, string name, object body, CancellationToken cancellationToken)
    {
        try
        {
            return await session.Api.CreateAsync($"/api/objects/{name}/modifications", body, cancellationToken);
        }
        catch (CliException e) when (e.Status == 409 && e.Detail?.Contains($"from version {manifest.Version}", StringComparison.Ordinal) == true)
        {
            throw new CliException(ExitCodes.Refused, $"{manifest.ObjectName} moved on since your pull of v{manifest.Version}; nothing was pushed",
                $"{e.Detail}\nPull again (into another folder) and carry your edits over, or push --force to replace the newer version anyway.", e.Json);
        }
    }

    private static async Task<int?> CommittedVersionAsync(CliSession session, string runId, CancellationToken cancellationToken) =>
        (await session.Api.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}", cancellationToken)).As<RunSummary>().Version;
}
