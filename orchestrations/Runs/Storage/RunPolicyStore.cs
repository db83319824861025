using System.Text.Json;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Runs.Storage;

/// <summary>Per-object pipeline policies (table <c>RunPolicies</c>, partition "policy", row key = object key).</summary>
public sealed class RunPolicyStore(StorageClients storage)
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

    public async Task SetAsync(string objectKey, RunPolicy policy, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(Table);
        var entity = new TableEntity(Partition, objectKey) { ["PolicyJson"] = JsonSerializer.Serialize(policy, RunJson.Options) };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
