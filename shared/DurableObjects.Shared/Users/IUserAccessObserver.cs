namespace DurableObjects.Shared.Users;

/// <summary>
/// Told of every change this host makes to a user's access (role, disabled), so that what the host keeps about the
/// user's tokens (its authentication's cache of their owners) answers with the change at once here, in or out of a
/// storage outage, instead of after its cache bound. Registered by the host; the shared services only call it.
/// </summary>
public interface IUserAccessObserver
{
    /// <summary>
    /// The write of <paramref name="userId"/>'s access was sent. <paramref name="stored"/> is the account as stored
    /// when storage confirmed the write; null when it did not (refused, or its answer lost: it may have been applied),
    /// so what was read about the user before must be read again before it is answered.
    /// </summary>
    void OnAccessChanged(string userId, UserAccount? stored);
}
