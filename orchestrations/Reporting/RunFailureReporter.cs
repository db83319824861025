using Azure;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.GitHub;
using DurableObjects.Channels.Notifications;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Reporting;

/// <summary>
/// Opens one issue per failed run (Octokit): the run id → issue number is kept in Table Storage, and before opening
/// one the repository is searched for the run's marker, so a report repeated after a crash between "opened" and
/// "stored" finds the first issue instead of opening a second. Without a GitHub token the issue goes to the outbox.
/// </summary>
public sealed partial class RunFailureReporter(
    GitHubService github,
    INotificationService notifications,
    StorageClients storage,
    TimeProvider clock,
    IOptions<GitHubOptions> options,
    ILogger<RunFailureReporter> logger) : IRunFailureReporter
{
    /// <summary>Table (before the configured prefix).</summary>
    public const string Table = "RunIssues";

    public async Task<RunIssue?> ReportRunFailureAsync(RunFailureReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var settings = options.Value;
        if (!settings.IssueOnRunFailure)
        {
            return null;
        }
        var table = await storage.TableAsync(Table);
        var stored = await table.GetEntityIfExistsAsync<RunIssueEntity>(RunIssueEntity.Partition, report.RunId, cancellationToken: cancellationToken);
        if (stored.HasValue && stored.Value is { } known)
        {
            return new RunIssue(known.Number, known.Url, known.Outboxed);
        }

        var issue = settings.IsConfigured ? await OpenOnceAsync(report, settings, cancellationToken) : await OutboxAsync(report, settings, cancellationToken);
        try
        {
            await table.AddEntityAsync(new RunIssueEntity
            {
                RowKey = report.RunId, Number = issue.Number, Url = issue.Url, Outboxed = issue.Outboxed, ReportedAt = clock.GetUtcNow(),
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            // Reported at the same moment elsewhere: that row is the answer.
            var first = (await table.GetEntityAsync<RunIssueEntity>(RunIssueEntity.Partition, report.RunId, cancellationToken: cancellationToken)).Value;
            return new RunIssue(first.Number, first.Url, first.Outboxed);
        }
        return issue;
    }

    private async Task<RunIssue> OpenOnceAsync(RunFailureReport report, GitHubOptions settings, CancellationToken cancellationToken)
    {
        if (await github.FindIssueAsync(RunFailureIssue.SearchTerm(report.RunId), cancellationToken: cancellationToken) is { } existing)
        {
            LogFound(logger, existing.Number, report.RunId);
            return new RunIssue(existing.Number, existing.HtmlUrl);
        }
        var opened = await github.CreateIssueAsync(new GitHubIssueRequest(RunFailureIssue.Title(report), RunFailureIssue.Body(report), Labels(settings)), cancellationToken);
        LogOpened(logger, opened.Number, report.RunId);
        return new RunIssue(opened.Number, opened.HtmlUrl);
    }

    private async Task<RunIssue> OutboxAsync(RunFailureReport report, GitHubOptions settings, CancellationToken cancellationToken)
    {
        var result = await notifications.NotifyAsync(new Notification
        {
            Channel = NotificationChannel.GitHub,
            Target = settings.Repository ?? "",
            Subject = RunFailureIssue.Title(report),
            Text = RunFailureIssue.Body(report),
            Links = report.RunUrl is null ? [] : [new NotificationLink("Run", report.RunUrl)],
            CorrelationId = report.RunId,
            Labels = Labels(settings),
        }, cancellationToken);
        return new RunIssue(0, result.OutboxId ?? "", Outboxed: true);
    }

    private static string[] Labels(GitHubOptions settings) =>
        settings.RunFailureLabels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened GitHub issue {IssueNumber} for failed run {RunId}")]
    private static partial void LogOpened(ILogger logger, int issueNumber, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Failed run {RunId} already has GitHub issue {IssueNumber}")]
    private static partial void LogFound(ILogger logger, int issueNumber, string runId);
}
