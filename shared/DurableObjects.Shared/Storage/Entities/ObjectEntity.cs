using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Shared.Storage.Entities;

/// <summary>An object's row: partition "object", row key = the object's lower-case key.</summary>
public sealed class ObjectEntity : ITableEntity
{
    public const string Partition = "object";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Status { get; set; } = "draft";
    public int CurrentVersion { get; set; }
    public int LatestVersion { get; set; }
    public string Owner { get; set; } = "";
    public string? ApiSchema { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string DeploymentsJson { get; set; } = "{}";
    public string? LastError { get; set; }
    public bool PublicInvoke { get; set; }
    public string? WriteId { get; set; }
    public string? RollbackWriteId { get; set; }
    public int? RolledBackFrom { get; set; }
    public string? RollbackEnvironments { get; set; }

    public static ObjectEntity From(ObjectInfo info) => new()
    {
        RowKey = ObjectName.ToKey(info.Name),
        Name = info.Name,
        Description = info.Description,
        Status = info.Status.ToText(),
        CurrentVersion = info.CurrentVersion,
        LatestVersion = info.LatestVersion,
        Owner = info.Owner,
        ApiSchema = info.ApiSchema,
        CreatedAt = info.CreatedAt,
        UpdatedAt = info.UpdatedAt,
        DeploymentsJson = JsonSerializer.Serialize(info.Deployments),
        LastError = info.LastError,
        PublicInvoke = info.PublicInvoke,
        WriteId = info.WriteId,
        RollbackWriteId = info.RollbackWriteId,
        RolledBackFrom = info.RolledBackFrom,
        RollbackEnvironments = info.RollbackEnvironments,
    };

    public ObjectInfo ToInfo() => new(
        Name,
        Description,
        ObjectStatusText.TryParse(Status, out var status) ? status : ObjectStatus.Draft,
        CurrentVersion,
        LatestVersion,
        Owner,
        ApiSchema,
        CreatedAt,
        UpdatedAt)
    {
        Deployments = JsonSerializer.Deserialize<Dictionary<string, DeploymentInfo>>(DeploymentsJson) ?? [],
        LastError = LastError,
        PublicInvoke = PublicInvoke,
        WriteId = WriteId,
        RollbackWriteId = RollbackWriteId,
        RolledBackFrom = RolledBackFrom,
        RollbackEnvironments = RollbackEnvironments,
    };
}
