using Azure;
using Azure.Data.Tables;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Orchestrations.Monitors.Storage;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// Monitors that propose changes: when a proposing monitor's pattern has matched at least
/// <see cref="MonitorEntity.ProposeAfter"/> times about one object within <see cref="MonitorOptions.ProposalWindow"/>,
/// it starts a modification run of that object as the monitor's owner, with a generated request quoting the events
/// as data (<see cref="MonitorProposalText"/>), through the same gates and judges, and always waiting for a person's
/// approval; never as an owner who no longer exists or whose account is disabled. At most one proposal per object per
/// <see cref="MonitorOptions.ProposalInterval"/>, claimed on a row of its own with storage concurrency (insert, or
/// replace under the ETag read), so two scanners or two monitors never propose twice. Every proposal, and every one
/// held back, is audited.
/// </summary>
public sealed partial class MonitorProposer(
    AuditLog audit,
    UserStore users,
    StorageClients storage,
    IServiceProvider services,
    IOptions<MonitorOptions> options,
    TimeProvider clock,
    ILogger<MonitorProposer> logger)
{
    public const string Table = "MonitorProposals";

    /// <summary>Considers the newly matched events of one proposing monitor; returns how many runs it started.</summary>
    public async Task<int> ProposeAsync(MonitorEntity monitor, IReadOnlyList<AuditEvent> matched, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var started = 0;
        foreach (var subject in matched.Select(e => e.Subject).Where(s => s.StartsWith("object/", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            try
            {
                started += await ProposeForAsync(monitor, subject, cancellationToken) ? 1 : 0;
            }
            catch (Exception e) when (e is RequestFailedException or InvalidOperationException)
            {
                LogProposalFailed(logger, monitor.RowKey, subject, e);
            }
        }
        return started;
    }

    private async Task<bool> ProposeForAsync(MonitorEntity monitor, string subject, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = options.Value.ProposalWindow;
        var conditions = monitor.Conditions();
        var recent = await audit.QueryAsync(new AuditQuery(Subject: subject, Since: now - window, PageSize: 200), cancellationToken);
        var events = recent.Items.Where(e => MonitorMatcher.Matches(monitor, conditions, e)).OrderBy(e => e.Time).ToList();
        if (events.Count < monitor.ProposeAfter)
        {
            return false;
        }
        var objectKey = subject["object/".Length..];
        var objectName = events.Select(e => e.Data.GetValueOrDefault("name")).LastOrDefault(n => !string.IsNullOrEmpty(n)) ?? objectKey;
        // Before the claim: a monitor that cannot propose must not hold the object's slot against one that can.
        var owner = await users.GetAsync(monitor.Owner, cancellationToken);
        if (owner is null or { Disabled: true })
        {
            await AuditAsync(MonitorEventTypes.ProposalSkipped, monitor, objectName, events.Count,
                new() { ["reason"] = owner is null ? "the monitor's owner no longer exists" : "the monitor's owner is disabled" });
            return false;
        }
        if (!await ClaimAsync(objectKey, monitor.RowKey, now, cancellationToken))
        {
            await AuditAsync(MonitorEventTypes.ProposalSkipped, monitor, objectName, events.Count, new() { ["reason"] = "rate limit: one proposal per object per " + options.Value.ProposalInterval });
            return false;
        }
        var launcher = services.GetService<IRunLauncher>();
        if (launcher is null)
        {
            await AuditAsync(MonitorEventTypes.ProposalSkipped, monitor, objectName, events.Count, new() { ["reason"] = "runs are not available" });
            return false;
        }
        var outcome = await launcher.StartAsync(new RunRequest
        {
            Kind = RunKind.Modification,
            ObjectName = objectName,
            Actor = new Actor(owner.Id, owner.Role),
            Prompt = MonitorProposalText.Build(monitor.Name, monitor.EventType, objectName, events, window),
            // Always a person's decision, whatever the object's or the host's policy says.
            RequireApproval = true,
            ProposedBy = $"monitor {monitor.RowKey} ({monitor.Name})",
        });
        if (outcome.Value is not { } ticket)
        {
            await AuditAsync(MonitorEventTypes.ProposalSkipped, monitor, objectName, events.Count, new() { ["reason"] = outcome.Error!.Message });
            return false;
        }
        await AuditAsync(MonitorEventTypes.ProposedChange, monitor, objectName, events.Count, new() { ["run"] = ticket.RunId });
        return true;
    }

    /// <summary>Takes the object's proposal slot if the last proposal is older than the interval; false when another writer or a recent proposal holds it.</summary>
    private async Task<bool> ClaimAsync(string objectKey, string monitorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Table);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(objectKey, "last", cancellationToken: cancellationToken);
        var row = new TableEntity(objectKey, "last") { ["At"] = now, ["Monitor"] = monitorId };
        try
        {
            if (!existing.HasValue || existing.Value is null)
            {
                await table.AddEntityAsync(row, cancellationToken);
                return true;
            }
            if (existing.Value.GetDateTimeOffset("At") is { } last && now - last < options.Value.ProposalInterval)
            {
                return false;
            }
            await table.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict() || e.IsPreconditionFailed())
        {
            return false;
        }
    }

    private Task AuditAsync(string type, MonitorEntity monitor, string objectName, int events, Dictionary<string, string> data)
    {
        data["monitor"] = monitor.RowKey;
        data["owner"] = monitor.Owner;
        data["name"] = objectName;
        data["events"] = events.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return audit.AppendAsync(type, MonitorEventTypes.Subject(monitor.RowKey), "system", data);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Monitor {MonitorId} could not propose a change of {Subject}; it tries again on its next match")]
    private static partial void LogProposalFailed(ILogger logger, string monitorId, string subject, Exception exception);
}
