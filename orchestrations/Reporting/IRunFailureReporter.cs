using DurableObjects.Channels.Notifications;

namespace DurableObjects.Orchestrations.Reporting;

/// <summary>
/// Opens a GitHub issue for a failed run when <c>GITHUB_ISSUE_ON_RUN_FAILURE</c> is on — once per run id, however
/// often it is called (a retried finish step, a resumed run). Call it from the run's finish step.
/// </summary>
public interface IRunFailureReporter
{
    /// <summary>The issue for the run (opened now or earlier), the outbox entry when GitHub is not configured, or null when reporting is off.</summary>
    Task<RunIssue?> ReportRunFailureAsync(RunFailureReport report, CancellationToken cancellationToken = default);
}
