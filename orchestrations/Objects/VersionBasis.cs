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

    /// <summary>
    /// For a writer that finds <paramref name="version"/> already stored and listed by an earlier attempt or another
    /// host: null while it stands (it is current, or the current version descends from it); otherwise the conflict saying
    /// it is not current. The object's current version can only be older than a listed version through a rollback: one
    /// committed before the version was pointed at (it was kept as the latest, never current: <see cref="Overtaken"/>), or
    /// one made from it or a later version since (the row's <see cref="ObjectInfo.RolledBackFrom"/> says which). A newer
    /// current version stands on it only when its line of parents runs through it: after a rollback past it, a version
    /// made from an older one leaves it behind (<paramref name="read"/> reads the versions on that line, newest first; one
    /// it cannot find ends the walk in the version's favour).
    /// </summary>
    public static async Task<OperationError?> NotCurrentAsync(ObjectInfo info, VersionInfo version, Func<int, Task<VersionInfo?>> read)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(read);
        var current = info.CurrentVersion;
        if (current > version.Number)
        {
            return await BranchPastAsync(current, version.Number, read) is { } branch
                ? new OperationError(ErrorKind.Conflict,
                    $"Version {branch.Number} was made from version {branch.ParentVersion ?? 0} after a rollback past version {version.Number}, and version {current} is current; " +
                    $"version {version.Number} is kept but is not current. Start again from version {current}.")
                : null;
        }
        if (current == version.Number)
        {
            return null;
        }
        if (info.RolledBackFrom is { } from && from >= version.Number)
        {
            return new OperationError(ErrorKind.Conflict,
                $"Version {version.Number} was made current, then the object was rolled back from version {from} to version {current}; " +
                $"version {version.Number} is kept but is not current. Start again from version {current}.");
        }
        return (version.ParentVersion ?? 0) != current
            ? Overtaken(current, version.ParentVersion ?? 0, version.Number)
            : new OperationError(ErrorKind.Conflict, $"Version {current} is the current version; version {version.Number} is kept but is not current. Start again from version {current}.");
    }

    /// <summary>
    /// The version on <paramref name="current"/>'s line of parents that was made from a version older than
    /// <paramref name="number"/> (the line passes it by), or null when the line runs through it or cannot be followed.
    /// Parents are always older versions, so the walk reads at most <c>current - number</c> rows (usually one).
    /// </summary>
    private static async Task<VersionInfo?> BranchPastAsync(int current, int number, Func<int, Task<VersionInfo?>> read)
    {
        for (var at = current; at > number;)
        {
            if (await read(at) is not { } link)
            {
                return null;
            }
            var parent = link.ParentVersion ?? 0;
            if (parent < number)
            {
                return link;
            }
            at = parent;
        }
        return null;
    }
}
