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

    /// <summary>
    /// Appends an event the run has at most one of (<c>run.started</c>), once however many attempts record it: keyed
    /// by the type and the run id (<see cref="AuditLog.AppendOnceAsync"/>).
    /// </summary>
    public Task AppendOnceAsync(string runId, RunRequest request, string type, Dictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(data);
        data["run"] = runId;
        data["name"] = request.ObjectName;
        return audit.AppendOnceAsync($"{type}/{runId}", type, AuditEventTypes.ObjectSubject(ObjectName.ToKey(request.ObjectName)), request.Actor.UserId, data);
    }
}
