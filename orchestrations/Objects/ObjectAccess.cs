using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>Who may change an object, and when no one may.</summary>
public static class ObjectAccess
{
    /// <summary>Refuses changes to a missing or deprecated object, or by an actor who may not change it.</summary>
    public static OperationError? CheckWritable(ObjectInfo? info, string key, Actor actor)
    {
        if (info is null)
        {
            return new OperationError(ErrorKind.NotFound, $"No object named '{key}'.");
        }
        if (!actor.MayChange(info.Owner))
        {
            return new OperationError(ErrorKind.Forbidden, actor.CanWrite
                ? $"Only the owner of '{info.Name}' or an admin may change it."
                : "Viewers cannot change objects.");
        }
        return info.Status == ObjectStatus.Deprecated
            ? new OperationError(ErrorKind.Conflict, $"Object '{info.Name}' is deprecated and can no longer change.")
            : null;
    }
}
