using System.Text.Json;

namespace DurableObjects.Orchestrations.Monitors.Storage;

/// <summary>
/// The messages for one watermark step, written on the monitor's row (under its ETag) before the first is sent.
/// <see cref="Sent"/> counts the messages already handed to the notification service; the watermark moves to
/// <see cref="UpTo"/> in the same write that records the last one.
/// </summary>
/// <param name="Id">Batch id; message i goes out with correlation id "{Id}-{i}".</param>
/// <param name="UpTo">The watermark after the batch (an <see cref="EventKeys.Bound"/>).</param>
/// <param name="Messages">What to send, in order.</param>
/// <param name="Sent">Messages already sent.</param>
/// <param name="PlannedAt">When the batch was planned (a scheduled monitor's run time).</param>
public sealed record MonitorBatch(string Id, string UpTo, IReadOnlyList<PlannedMessage> Messages, int Sent, DateTimeOffset PlannedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MonitorBatch? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<MonitorBatch>(json, Json);

    public int EventCount => Messages.Sum(m => m.EventCount);
}
