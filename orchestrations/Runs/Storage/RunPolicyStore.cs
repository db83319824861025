using System.Text.Json;
using Azure.Data.Tables;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Runs.Storage;

/// <summary>
/// Per-object pipeline policies (table <c>RunPolicies</c>, partition "policy", row key = object key). Every change is
/// an audit event with the policy before and after and who changed it.
/// </summary>
public sealed class RunPolicyStore(StorageClients storage, AuditLog audit)
{
    public const string Table = "RunPolicies";
    private const string Partition = "policy";

    public async Task<RunPolicy> GetAsync(string objectKey, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, objectKey, cancellationToken: cancellationToken);
        return found.HasValue && found.Value?.GetString("PolicyJson") is { } json
            ? JsonSerializer.Deserialize<RunPolicy>(json, RunJson.Options) ?? RunPolicy.None
            : RunPolicy.None;
    }

    /// <summary>Replaces the object's policy (already validated by the caller) and records the change.</summary>
    public async Task SetAsync(string objectKey, RunPolicy policy, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var before = await GetAsync(objectKey, cancellationToken);
        var table = await storage.TableAsync(Table);
        var after = JsonSerializer.Serialize(policy, RunJson.Options);
        var entity = new TableEntity(Partition, objectKey) { ["PolicyJson"] = after };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        await audit.AppendAsync(AuditEventTypes.PipelinePolicyChanged, AuditEventTypes.ObjectSubject(objectKey), actor.UserId,
            new Dictionary<string, string> { ["before"] = JsonSerializer.Serialize(before, RunJson.Options), ["after"] = after }, cancellationToken);
    }
}
