using System.Text.Json;

namespace DurableObjects.Shared.Users;

/// <summary>
/// A role or disabled-flag change stored on the user's row (<see cref="Storage.Entities.UserEntity.PendingAccessChange"/>)
/// in the same write as the change, until its audit events are recorded. A request that stores the change and dies
/// before recording them (storage refused the event, the host stopped) leaves this behind; the next change of that user
/// — the request's own retry, typically — finds it and records the events, once each (keyed by <see cref="WriteId"/>),
/// so a change is never in force without its event, and its event is never recorded twice.
/// </summary>
/// <param name="WriteId">Which write made the change: the once key of its events.</param>
/// <param name="Actor">The admin who made it (the events' actor, whoever records them).</param>
/// <param name="FromRole">The role before.</param>
/// <param name="ToRole">The role after.</param>
/// <param name="FromDisabled">Disabled before.</param>
/// <param name="ToDisabled">Disabled after.</param>
public sealed record PendingAccessChange(string WriteId, string Actor, UserRole FromRole, UserRole ToRole, bool FromDisabled, bool ToDisabled)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The change a row's column holds, or null when it holds none (empty: its events are recorded).</summary>
    public static PendingAccessChange? Parse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<PendingAccessChange>(json, Json);
}
