using System.CommandLine;
using System.Threading.Channels;
using DurableObjects.Cli.Files;

namespace DurableObjects.Cli.Commands;

/// <summary>
/// <c>dev [DIR]</c>: watches a pulled folder and pushes on save, printing each run's verdict; Ctrl+C stops. Saves that
/// come in a burst (editors write, rename and touch) are pushed once, after <see cref="CliEnvironment.WatchDebounce"/>
/// of quiet; a save during a run is pushed when that run ends. Refusals are printed and watching goes on.
/// </summary>
public static class DevCommand
{
    public static Command Create(CliSession session)
    {
        var dir = FolderArgument.Create("A pulled folder (default: the current folder)", ".");
        var message = new Option<string?>("--message", "-m") { Description = "Summary for every push (default: the files changed)" };
        var noDeploy = new Option<bool>("--no-deploy") { Description = "Do not deploy accepted versions" };
        var command = new Command("dev", "Watch a pulled folder and push on every save, printing each run's verdict") { dir, message, noDeploy };
        session.Handle(command, (parse, cancellationToken) => WatchAsync(
            session,
            session.Environment.ResolvePath(parse.GetValue(dir)!),
            new PushOptions(parse.GetValue(message), Force: false, parse.GetValue(noDeploy) ? false : null, null, ApproveWhenReady: false, Detach: false),
            cancellationToken));
        return command;
    }

    private static async Task<int> WatchAsync(CliSession session, string folder, PushOptions options, CancellationToken cancellationToken)
    {
        var manifest = Manifest.Load(folder)
            ?? throw CliException.Usage($"{folder} is not a pulled folder (no {Manifest.FileName})", "Pull the object first: dobj pull NAME DIR.");
        var saves = Channel.CreateUnbounded<string>();
        using var watcher = new FileSystemWatcher(folder, "*.cs") { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        FileSystemEventHandler onChange = (_, e) => saves.Writer.TryWrite(e.FullPath);
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, e) => saves.Writer.TryWrite(e.FullPath);
        watcher.EnableRaisingEvents = true;
        session.WriteLine($"Watching {folder} for {manifest.ObjectName} (Ctrl+C to stop).");
        try
        {
            // Edits made before dev started are pushed straight away.
            await PushOnceAsync(session, folder, options, cancellationToken);
            while (await saves.Reader.WaitToReadAsync(cancellationToken))
            {
                await QuietAsync(saves.Reader, session.Environment.WatchDebounce, cancellationToken);
                await PushOnceAsync(session, folder, options, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            session.WriteLine("Stopped watching.");
        }
        return ExitCodes.Ok;
    }

    /// <summary>Drains the saves until none has arrived for <paramref name="quiet"/>.</summary>
    private static async Task QuietAsync(ChannelReader<string> saves, TimeSpan quiet, CancellationToken cancellationToken)
    {
        do
        {
            while (saves.TryRead(out _))
            {
            }
            await Task.Delay(quiet, cancellationToken);
        }
        while (saves.TryPeek(out _));
    }

    private static async Task PushOnceAsync(CliSession session, string folder, PushOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var exit = await PushCommand.PushAsync(session, folder, options, cancellationToken);
            var manifest = Manifest.Load(folder);
            if (exit == ExitCodes.RunNotAccepted)
            {
                session.WriteLine($"✗ not accepted; fix and save again ({DateTime.Now:HH:mm:ss})");
            }
            else if (manifest is not null && !Changes.Between(manifest.Files, WorkingCopy.Read(folder)).Any)
            {
                session.WriteLine($"✓ {manifest.ObjectName} v{manifest.Version} ({DateTime.Now:HH:mm:ss}); watching");
            }
        }
        catch (CliException problem)
        {
            session.Report(problem);
        }
    }
}
