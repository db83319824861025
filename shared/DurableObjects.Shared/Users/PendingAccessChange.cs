using System.Text.Json;

namespace DurableObjects.Shared.Users;

/// <summary>
/// A user's registration, or a role or disabled-flag change, stored on the user's row
/// (<see cref="Storage.Entities.UserEntity.PendingAccessChange"/>) in the same write as the row or the change, until its
/// audit events are recorded. A request that stores it and dies before recording them (storage refused the event, the
/// host stopped) leaves this behind; the request's own retry, the next change of that user or the next listing of users
/// finds it and records the events (<see cref="PendingAccessChanges"/>), once each (keyed by <see cref="WriteId"/>), so
/// a user or a change is never in force without its event for longer than that, and its event is never recorded twice.
/// </summary>
/// <param name="WriteId">Which write made the change: the once key of its events.</param>
/// <param name="Actor">The admin who made it (the events' actor, whoever records them).</param>
/// <param name="FromRole">The role before.</param>
/// <param name="ToRole">The role after.</param>
/// <param name="FromDisabled">Disabled before.</param>
/// <param name="ToDisabled">Disabled after.</param>
/// <param name="Registered">The user was created by this write, with <paramref name="ToRole"/>: its event is
/// user.registered (roles and flag are then the same before and after).</param>
public sealed record PendingAccessChange(
    string WriteId, string Actor, UserRole FromRole, UserRole ToRole, bool FromDisabled, bool ToDisabled, bool Registered = false)
{
    /// <summary>The registration of a user made with <paramref name="role"/> by <paramref name="actor"/>.</summary>
    public static PendingAccessChange Registration(string writeId, string actor, UserRole role) =>
        new(writeId, actor, role, role, FromDisabled: false, ToDisabled: false, Registered: true);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The change a row's column holds, or null when it holds none (empty: its events are recorded).</summary>
    public static PendingAccessChange? Parse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<PendingAccessChange>(json, Json);
}
