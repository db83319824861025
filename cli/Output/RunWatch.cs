using System.Text.Json.Nodes;
using DurableObjects.Cli.Api;
using Spectre.Console;

namespace DurableObjects.Cli.Output;

/// <summary>Follows a run live and prints its verdict; the exit code says whether it was accepted.</summary>
public static class RunWatch
{
    public static async Task<int> FollowAsync(CliSession session, string runId, bool approveWhenReady, CancellationToken cancellationToken)
    {
        if (!session.Json)
        {
            session.WriteLine($"Run {runId}");
        }
        var progress = new RunProgress(session, runId, approveWhenReady, cancellationToken);
        var follower = session.Follower;
        var answer = session.Live
            ? await session.Ansi.Status().StartAsync("starting…", async context =>
            {
                progress.Spinner = context;
                return await follower.FollowAsync(runId, progress, cancellationToken);
            })
            : await follower.FollowAsync(runId, progress, cancellationToken);
        var run = (JsonObject)answer.Node()!;
        if (session.Json)
        {
            session.WriteJson(answer);
        }
        else
        {
            RunReport.Print(session, run);
        }
        return run["status"]?.GetValue<string>() == "succeeded" ? ExitCodes.Ok : ExitCodes.RunNotAccepted;
    }
}
