using System.Globalization;
using DurableObjects.Cli.Api;
using Spectre.Console;

namespace DurableObjects.Cli.Output;

/// <summary>
/// Shows a followed run as it goes: a line per completed step, and on a terminal a spinner naming the current step.
/// When the run waits for approval it either approves (<c>--approve-when-ready</c>) or says how to.
/// </summary>
public sealed class RunProgress(CliSession session, string runId, bool approveWhenReady, CancellationToken cancellationToken) : IRunObserver
{
    private bool _approvalHandled;

    public StatusContext? Spinner { get; set; }

    public Task OnStepAsync(RunStep step)
    {
        if (!session.Json)
        {
            var duration = step.DurationMs.ToString("#,0", CultureInfo.InvariantCulture);
            var tokens = step.ModelCalls > 0 ? $", {step.InputTokens + step.OutputTokens} tokens" : "";
            Line($"  ✓ {step.Name} ({duration} ms{tokens})");
        }
        return Task.CompletedTask;
    }

    public async Task OnStatusAsync(RunSummary run)
    {
        Spinner?.Status(Markup.Escape(run.Status == "running" && !string.IsNullOrEmpty(run.CurrentStep) ? $"{run.CurrentStep}…" : run.Status.Replace('_', ' ')));
        if (run.Status != "awaiting_approval" || _approvalHandled)
        {
            return;
        }
        _approvalHandled = true;
        if (approveWhenReady)
        {
            await session.Api.ActAsync($"/api/runs/{Uri.EscapeDataString(runId)}/approve", new { comment = "Approved from the CLI (--approve-when-ready)." }, cancellationToken);
            if (!session.Json)
            {
                Line("  ✓ approved (--approve-when-ready)");
            }
        }
        else if (!session.Json)
        {
            Line($"  … waiting for approval: dobj runs approve {runId} (or reject); Ctrl+C stops watching, not the run");
        }
    }

    /// <summary>On a terminal, lines go through the live display (so the spinner stays below them); elsewhere, plain.</summary>
    private void Line(string text)
    {
        if (session.Live)
        {
            session.Ansi.MarkupLine(Markup.Escape(text));
        }
        else
        {
            session.WriteLine(text);
        }
    }
}
