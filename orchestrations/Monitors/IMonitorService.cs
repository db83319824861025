using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Monitors;

/// <summary>
/// Creating and managing monitors, for the HTTP API and the command processor (SMS and voice).
/// Trust model: callers pass an <see cref="Actor"/> they have already authenticated (API token, verified phone);
/// the service validates every field of the definition, makes the actor the owner, lets owners see and change only
/// their own monitors (admins all; others get NotFound, so ids are not disclosed), and refuses SMS/voice targets
/// other than the owner's verified phone. A refused request stores nothing.
/// </summary>
public interface IMonitorService
{
    /// <summary>
    /// Creates a monitor owned by <paramref name="actor"/>; it watches events from now on. For a keyed request
    /// (<paramref name="operation"/>) its id is derived from the operation: a retry after an attempt whose outcome is
    /// unknown answers with the monitor that attempt created instead of creating a second one.
    /// </summary>
    Task<Outcome<MonitorInfo>> CreateAsync(MonitorDefinition definition, Actor actor, RequestOperation? operation = null, CancellationToken cancellationToken = default);

    /// <summary>The actor's monitors (an admin's: everyone's, or <paramref name="owner"/>'s).</summary>
    Task<IReadOnlyList<MonitorInfo>> ListAsync(Actor actor, string? owner = null, CancellationToken cancellationToken = default);

    Task<Outcome<MonitorInfo>> GetAsync(string id, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Changes the fields given (null keeps a field, "" clears an optional one); the watermark is kept.</summary>
    Task<Outcome<MonitorInfo>> UpdateAsync(string id, MonitorDefinition changes, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Enables or disables. Enabling starts from now: events while disabled are not reported.</summary>
    Task<Outcome<MonitorInfo>> SetEnabledAsync(string id, bool enabled, Actor actor, CancellationToken cancellationToken = default);

    Task<Outcome<MonitorInfo>> DeleteAsync(string id, Actor actor, CancellationToken cancellationToken = default);
}
