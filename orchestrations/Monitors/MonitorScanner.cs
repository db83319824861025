using DurableObjects.Orchestrations.Monitors.Storage;
using DurableObjects.Shared.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// One scan over every enabled monitor: read the settled events after its watermark, match, plan the messages,
/// claim them on the monitor's row, send, and advance the watermark in the write that records the last message.
/// </summary>
/// <remarks>
/// Exactly once, step by step (every row write is a replace under the row's ETag):
/// <list type="number">
/// <item>Range: events in (watermark, now − settle window]. The settle window keeps an event stamped earlier but
/// written later (slow writer, clock skew) from landing behind a watermark that already moved past it.</item>
/// <item>Claim: the planned messages (rendered text) and the new watermark go on the row with a lease, before
/// anything is sent. Losing the ETag race means another scanner (another cluster on the same storage) or an API
/// change got there first: this scanner leaves the monitor for the next tick.</item>
/// <item>Send message i with correlation id "{batch}-{i}", then record Sent = i + 1 (renewing the lease); the last
/// write moves the watermark and clears the batch. A scanner that stops (host shutdown) finishes the message in
/// hand, records it and releases the lease, so the next host resumes at the next message: no duplicate, no gap.</item>
/// <item>A scanner that dies without releasing leaves the lease to expire (<see cref="MonitorOptions.ClaimTimeout"/>);
/// whoever takes over resumes at the first message not recorded as sent. The one unavoidable window is a crash
/// between the provider accepting message i and the write recording it (one table write): message i is then sent
/// again, with the same correlation id. We chose that over dropping it: a repeated alert is a nuisance, a missing one
/// is a failure, and providers offer no idempotency key to close the window.</item>
/// </list>
/// </remarks>
public sealed partial class MonitorScanner(
    MonitorStore store,
    MonitorEventReader reader,
    MonitorDispatcher dispatcher,
    MonitorProposer proposer,
    IOptions<MonitorOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<MonitorScanner> logger) : IDisposable
{
    /// <summary>This process, as a lease owner.</summary>
    private readonly string _instance = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public void Dispose() => _oneAtATime.Dispose();

    public async Task<ScanReport> ScanAsync(CancellationToken cancellationToken = default)
    {
        // One scan at a time in this process: its batches are leased to this process, so a second scan here (the
        // timer's and an admin's, or an activity the engine delivered again) would resume them as its own.
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await ScanOnceAsync(cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<ScanReport> ScanOnceAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var stopping = linked.Token;
        var now = clock.GetUtcNow();
        var upTo = EventKeys.Bound(now - options.Value.SettleWindow);
        var monitors = await store.ListAsync(enabledOnly: true, cancellationToken: stopping);
        var needEvents = monitors.Where(m => m.PendingJson is null && string.CompareOrdinal(upTo, m.Watermark) < 0 && IsDue(m, now)).ToList();
        // One read serves every monitor: from the oldest watermark (the largest key) to the settle boundary.
        var events = needEvents.Count == 0
            ? []
            : await reader.ReadAsync(needEvents.Select(m => m.Watermark).Max(StringComparer.Ordinal)!, upTo, stopping);
        var report = ScanReport.Empty with { Monitors = monitors.Count };
        foreach (var monitor in monitors)
        {
            if (stopping.IsCancellationRequested)
            {
                break;
            }
            try
            {
                report = report.Add(await ProcessAsync(monitor, events, upTo, now, stopping));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogMonitorFailed(logger, monitor.RowKey, e);
            }
        }
        return report;
    }

    private async Task<ScanReport> ProcessAsync(MonitorEntity monitor, IReadOnlyList<AuditEvent> events, string upTo, DateTimeOffset now, CancellationToken stopping)
    {
        var deferred = ScanReport.Empty with { Deferred = 1 };
        var batch = MonitorBatch.Parse(monitor.PendingJson);
        if (batch is not null)
        {
            if (monitor.LeaseUntil > now && monitor.LeaseOwner != _instance)
            {
                return deferred;
            }
            LogResuming(logger, monitor.RowKey, batch.Id, batch.Sent, batch.Messages.Count);
        }
        else
        {
            if (MonitorActions.Proposes(monitor.Action) && string.CompareOrdinal(upTo, monitor.Watermark) < 0)
            {
                // Proposals before messages: a proposal is guarded by its own per-object claim, so a scan repeated
                // after a lost race below cannot propose twice.
                var conditions = monitor.Conditions();
                var matched = events.Where(e => EventKeys.InRange(e.Id, monitor.Watermark, upTo) && MonitorMatcher.Matches(monitor, conditions, e)).ToList();
                await proposer.ProposeAsync(monitor, matched, stopping);
                if (!MonitorActions.Notifies(monitor.Action))
                {
                    monitor.Watermark = upTo;
                    await store.TryReplaceAsync(monitor, stopping);
                    return ScanReport.Empty;
                }
            }
            batch = Plan(monitor, events, upTo, now, out var advanceOnly);
            if (batch is null)
            {
                if (advanceOnly)
                {
                    // Nothing matched: move the watermark so the next read starts later. Losing the race is harmless.
                    monitor.Watermark = upTo;
                    await store.TryReplaceAsync(monitor, stopping);
                    return ScanReport.Empty;
                }
                return deferred;
            }
            monitor.PendingJson = batch.ToJson();
        }
        monitor.LeaseOwner = _instance;
        monitor.LeaseUntil = now + options.Value.ClaimTimeout;
        if (!await store.TryReplaceAsync(monitor, stopping))
        {
            return deferred;
        }
        return await SendAsync(monitor, batch, stopping);
    }

    /// <summary>The batch to send now; null with <paramref name="advanceOnly"/> when nothing matched, null without it when the monitor must wait.</summary>
    private MonitorBatch? Plan(MonitorEntity monitor, IReadOnlyList<AuditEvent> events, string upTo, DateTimeOffset now, out bool advanceOnly)
    {
        advanceOnly = false;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(monitor.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var scheduled = monitor.Schedule is not null;
        if (string.CompareOrdinal(upTo, monitor.Watermark) >= 0)
        {
            return null;
        }
        if (!IsDue(monitor, now))
        {
            return null;
        }
        var conditions = monitor.Conditions();
        var matched = events.Where(e => EventKeys.InRange(e.Id, monitor.Watermark, upTo) && MonitorMatcher.Matches(monitor, conditions, e)).ToList();
        if (!scheduled && matched.Count == 0)
        {
            advanceOnly = true;
            return null;
        }
        if (QuietHours.TryParse(monitor.QuietHours, out var quiet) && quiet.Contains(now, zone))
        {
            return null;
        }
        var allowance = options.Value.DigestThreshold;
        if (monitor.RateLimitPerHour is { } limit)
        {
            var used = monitor.WindowStart is { } start && now - start < TimeSpan.FromHours(1) ? monitor.WindowCount : 0;
            if (used >= limit)
            {
                return null;
            }
            allowance = Math.Min(allowance, limit - used);
        }
        var messages = scheduled
            ? [MonitorMessages.Summary(monitor, matched, monitor.LastRunAt ?? monitor.CreatedAt)]
            : MonitorMessages.Plan(monitor, matched, allowance);
        return new MonitorBatch("b" + Guid.CreateVersion7(now).ToString("N"), upTo, messages, 0, now);
    }

    /// <summary>Event monitors are always due; a scheduled one when its cron has come round since its last run.</summary>
    private static bool IsDue(MonitorEntity monitor, DateTimeOffset now)
    {
        if (monitor.Schedule is null)
        {
            return true;
        }
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(monitor.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return MonitorCron.Parse(monitor.Schedule).GetNextOccurrence(monitor.LastRunAt ?? monitor.CreatedAt, zone) is { } due && due <= now;
    }

    private async Task<ScanReport> SendAsync(MonitorEntity monitor, MonitorBatch batch, CancellationToken stopping)
    {
        var report = ScanReport.Empty;
        for (var i = batch.Sent; i < batch.Messages.Count; i++)
        {
            if (stopping.IsCancellationRequested)
            {
                await ReleaseAsync(monitor.RowKey, batch.Id);
                LogReleased(logger, monitor.RowKey, batch.Id, i);
                return report;
            }
            var message = batch.Messages[i];
            // Sent even when the host is stopping: the message in hand is finished and recorded, never half done.
            var error = await dispatcher.SendAsync(monitor, batch, i, CancellationToken.None);
            var last = i == batch.Messages.Count - 1;
            var sent = i + 1;
            var now = clock.GetUtcNow();
            var recorded = await store.UpdateAsync(monitor.RowKey, row =>
            {
                if (MonitorBatch.Parse(row.PendingJson)?.Id != batch.Id)
                {
                    return false;
                }
                row.LeaseUntil = now + options.Value.ClaimTimeout;
                row.LastError = error;
                if (last)
                {
                    Complete(row, batch, now);
                }
                else
                {
                    row.PendingJson = (batch with { Sent = sent }).ToJson();
                }
                return true;
            }, CancellationToken.None);
            report = report.Add(new ScanReport(0, 1, message.EventCount, 0));
            if (recorded is null)
            {
                // Deleted meanwhile, or another scanner took the batch over after our lease lapsed: it carries on.
                LogLostBatch(logger, monitor.RowKey, batch.Id);
                return report;
            }
        }
        return report;
    }

    private void Complete(MonitorEntity row, MonitorBatch batch, DateTimeOffset now)
    {
        // Forward only: a monitor re-enabled while a batch was pending already starts from its enable time.
        if (string.CompareOrdinal(batch.UpTo, row.Watermark) < 0)
        {
            row.Watermark = batch.UpTo;
        }
        row.PendingJson = null;
        row.LeaseOwner = null;
        row.LeaseUntil = null;
        row.LastFiredAt = now;
        row.FiredCount += batch.Messages.Count;
        if (row.Schedule is not null)
        {
            row.LastRunAt = batch.PlannedAt;
        }
        if (row.WindowStart is not { } start || now - start >= TimeSpan.FromHours(1))
        {
            row.WindowStart = now;
            row.WindowCount = 0;
        }
        row.WindowCount += batch.Messages.Count;
    }

    private Task ReleaseAsync(string id, string batchId) => store.UpdateAsync(id, row =>
    {
        if (MonitorBatch.Parse(row.PendingJson)?.Id != batchId || row.LeaseOwner != _instance)
        {
            return false;
        }
        row.LeaseOwner = null;
        row.LeaseUntil = null;
        return true;
    }, CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scanning monitor {MonitorId} failed; it is retried on the next tick")]
    private static partial void LogMonitorFailed(ILogger logger, string monitorId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor {MonitorId}: resuming batch {BatchId} at message {Sent} of {Count}")]
    private static partial void LogResuming(ILogger logger, string monitorId, string batchId, int sent, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor {MonitorId}: host stopping, batch {BatchId} released before message {Next}")]
    private static partial void LogReleased(ILogger logger, string monitorId, string batchId, int next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor {MonitorId}: batch {BatchId} was deleted or taken over while sending")]
    private static partial void LogLostBatch(ILogger logger, string monitorId, string batchId);
}
