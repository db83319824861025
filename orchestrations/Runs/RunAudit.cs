using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>Audit events about a run: subject = its object, actor = its requester, data carries the run id and object name.</summary>
public sealed class RunAudit(RunMaterials materials, AuditLog audit)
{
    public async Task AppendAsync(string runId, string type, Dictionary<string, string> data)
    {
        var request = await materials.RequestAsync(runId);
        await AppendAsync(runId, request, type, data);
    }

    public Task AppendAsync(string runId, RunRequest request, string type, Dictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(data);
        data["run"] = runId;
        data["name"] = request.ObjectName;
        return audit.AppendAsync(type, AuditEventTypes.ObjectSubject(ObjectName.ToKey(request.ObjectName)), request.Actor.UserId, data);
    }

    /// <inheritdoc cref="AppendOnceAsync(string, RunRequest, string, Dictionary{string, string}, string?)"/>
    public async Task<bool> AppendOnceAsync(string runId, string type, Dictionary<string, string> data, string? scope = null)
    {
        var request = await materials.RequestAsync(runId);
        return await AppendOnceAsync(runId, request, type, data, scope);
    }

    /// <summary>
    /// Appends an event the run has at most one of (<c>run.started</c>, <c>run.awaiting_approval</c>), or one per
    /// <paramref name="scope"/> (<c>run.accepted</c>: per iteration), once however many deliveries of the activity record
    /// it: keyed by the type, the run id and the scope (<see cref="AuditLog.AppendOnceAsync"/>). So an activity records
    /// its event on every delivery rather than only when its own step record was the first: a delivery that died between
    /// that record and the event no longer loses it, and one that died after the event adds nothing. Returns whether
    /// this call appended it.
    /// </summary>
    public Task<bool> AppendOnceAsync(string runId, RunRequest request, string type, Dictionary<string, string> data, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(data);
        data["run"] = runId;
        data["name"] = request.ObjectName;
        var onceKey = scope is null ? $"{type}/{runId}" : $"{type}/{runId}/{scope}";
        return audit.AppendOnceAsync(onceKey, type, AuditEventTypes.ObjectSubject(ObjectName.ToKey(request.ObjectName)), request.Actor.UserId, data);
    }
}
