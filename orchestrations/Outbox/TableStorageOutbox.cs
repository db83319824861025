using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Outbox;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Outbox;

/// <summary>
/// The durable <see cref="IOutbox"/>: every message the system could not send, whole, in Table Storage (and Blob
/// Storage for messages larger than a table property), listable newest first with paging and filters.
/// </summary>
/// <remarks>
/// Trust model: messages hold recipients' numbers and addresses and, for phone verification, codes. The outbox
/// itself does not authorize; the API lists everything only to admins and filters others by their own targets.
/// </remarks>
public sealed class TableStorageOutbox(StorageClients storage) : IOutbox
{
    /// <summary>Blob container (before the prefix) for messages too large for a table row.</summary>
    public const string Container = "outbox";

    // A table string property holds 64 KiB of UTF-16; leave room for the rest of the row.
    private const int MaxInlineChars = 30_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    /// <inheritdoc />
    public async Task AddAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var json = JsonSerializer.Serialize(message.Notification, Json);
        var entity = new OutboxEntity
        {
            RowKey = OutboxEntity.RowKeyOf(message.CreatedAt, message.Id),
            MessageId = message.Id,
            CreatedAt = message.CreatedAt,
            Channel = message.Notification.Channel.ToString().ToLowerInvariant(),
            Target = message.Notification.Target.ToLowerInvariant(),
            Subject = Truncate(message.Notification.Subject),
            CorrelationId = message.Notification.CorrelationId,
            Reason = message.Reason.ToString(),
            Detail = Truncate(message.Detail),
        };
        if (json.Length <= MaxInlineChars)
        {
            entity.NotificationJson = json;
        }
        else
        {
            entity.BlobName = message.Id + ".json";
            var container = await storage.ContainerAsync(Container);
            await container.GetBlobClient(entity.BlobName).UploadAsync(BinaryData.FromString(json), overwrite: true, cancellationToken);
        }
        var table = await storage.TableAsync(TableNames.Outbox);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OutboxPage> ListAsync(OutboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var table = await storage.TableAsync(TableNames.Outbox);
        if (query.Targets is { Count: 0 })
        {
            return new OutboxPage([], null);
        }
        await foreach (var page in table.QueryAsync<OutboxEntity>(Filter(query), pageSize, cancellationToken: cancellationToken).AsPages(query.ContinuationToken, pageSize))
        {
            var items = new List<OutboxMessage>(page.Values.Count);
            foreach (var entity in page.Values)
            {
                items.Add(await ToMessageAsync(entity, cancellationToken));
            }
            return new OutboxPage(items, page.ContinuationToken);
        }
        return new OutboxPage([], null);
    }

    private static string Filter(OutboxQuery query)
    {
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {OutboxEntity.Partition}") };
        if (query.Channel is { } channel)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Channel eq {channel.ToString().ToLowerInvariant()}"));
        }
        if (!string.IsNullOrEmpty(query.CorrelationId))
        {
            clauses.Add(TableClient.CreateQueryFilter($"CorrelationId eq {query.CorrelationId}"));
        }
        if (query.Targets is { Count: > 0 } targets)
        {
            var any = new StringBuilder("(");
            foreach (var target in targets)
            {
                any.Append(any.Length > 1 ? " or " : "").Append(TableClient.CreateQueryFilter($"Target eq {target.ToLowerInvariant()}"));
            }
            clauses.Add(any.Append(')').ToString());
        }
        return string.Join(" and ", clauses);
    }

    private async Task<OutboxMessage> ToMessageAsync(OutboxEntity entity, CancellationToken cancellationToken)
    {
        var json = entity.NotificationJson;
        if (json is null && entity.BlobName is { } blob)
        {
            var container = await storage.ContainerAsync(Container);
            json = (await container.GetBlobClient(blob).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }
        var notification = JsonSerializer.Deserialize<Notification>(json ?? "null", Json)
            ?? throw new InvalidOperationException($"Outbox message {entity.MessageId} has no content.");
        var reason = Enum.TryParse<OutboxReason>(entity.Reason, out var parsed) ? parsed : OutboxReason.SendFailed;
        return new OutboxMessage(entity.MessageId, entity.CreatedAt, notification, reason, entity.Detail);
    }

    private static string Truncate(string value) => value.Length <= 4_000 ? value : value[..4_000];
}
