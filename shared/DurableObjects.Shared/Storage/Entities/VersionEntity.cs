using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Shared.Storage.Entities;

/// <summary>
/// A version's row: partition = object key, row key = the version number inverted and zero-padded, so a
/// partition lists newest first and its first row is the latest version. Rows are only ever inserted.
/// </summary>
public sealed class VersionEntity : ITableEntity
{
    private const long Ceiling = 9_999_999_999;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ObjectName { get; set; } = "";
    public int Number { get; set; }
    public string Summary { get; set; } = "";
    public string Author { get; set; } = "";
    public int? ParentVersion { get; set; }
    public string ContentHash { get; set; } = "";
    public string FilesJson { get; set; } = "[]";
    public string? ApiSchema { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? WriteId { get; set; }

    public static string RowKeyOf(int number) => (Ceiling - number).ToString("D10", CultureInfo.InvariantCulture);

    public static VersionEntity From(string objectKey, VersionInfo info) => new()
    {
        PartitionKey = objectKey,
        RowKey = RowKeyOf(info.Number),
        ObjectName = info.ObjectName,
        Number = info.Number,
        Summary = info.Summary,
        Author = info.Author,
        ParentVersion = info.ParentVersion,
        ContentHash = info.ContentHash,
        FilesJson = JsonSerializer.Serialize(info.Files),
        ApiSchema = info.ApiSchema,
        CreatedAt = info.CreatedAt,
        WriteId = info.WriteId,
    };

    public VersionInfo ToInfo() => new(
        ObjectName,
        Number,
        Summary,
        Author,
        ParentVersion,
        ContentHash,
        JsonSerializer.Deserialize<List<SourceFileRef>>(FilesJson) ?? [],
        ApiSchema,
        CreatedAt,
        WriteId);
}
