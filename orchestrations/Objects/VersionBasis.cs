using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>
/// Which version a new one follows, and the refusal of a change made from another. A new version follows the
/// object's current version, or the version still being stored ahead of it (which becomes current first); a change
/// made from any other version was made without seeing what came since (a version added, a rollback), and storing it
/// would silently undo that.
/// </summary>
public static class VersionBasis
{
    /// <summary>The version the next one follows (0: none), given the object's row and the newest version stored.</summary>
    public static int Follows(ObjectInfo info, int latestStored)
    {
        ArgumentNullException.ThrowIfNull(info);
        return latestStored > info.LatestVersion ? latestStored : info.CurrentVersion;
    }

    /// <summary>Null when a change made from <paramref name="basis"/> may be stored now; otherwise the conflict, naming both versions.</summary>
    public static OperationError? Check(ObjectInfo info, int latestStored, int basis)
    {
        var follows = Follows(info, latestStored);
        if (follows == basis)
        {
            return null;
        }
        var newest = Math.Max(info.LatestVersion, latestStored);
        var what = basis > newest ? $"There is no version {basis}; the current version is {follows}"
            : follows == newest && follows > basis ? $"Version {follows} was added while this change was made from version {basis}"
            : $"Version {follows} became the current version while this change was made from version {basis}";
        return new OperationError(ErrorKind.Conflict, $"{what}; nothing was committed. Start again from version {follows}.");
    }

    /// <summary>
    /// The conflict of version <paramref name="number"/>, stored from <paramref name="basis"/>, when the object was
    /// rolled back to <paramref name="current"/> (on another host) between its writer's read and its pointing: the
    /// rollback stands, and the version is kept but not current.
    /// </summary>
    public static OperationError Overtaken(int current, int basis, int number) => new(ErrorKind.Conflict,
        $"Version {current} became the current version while this change was made from version {basis}; it is kept as version {number} but is not current. Start again from version {current}.");
}
