namespace DurableObjects.Channels.Commands;

/// <summary>
/// A parsed command. The parser only says what was asked; the command processor decides whether the identified
/// user may do it (the same authorization as the HTTP API) and runs it.
/// </summary>
public abstract record Command
{
    /// <summary>The intent name: create, modify, deploy, rollback, info, list_objects, count_objects, list_users, approve, reject, monitor, help.</summary>
    public abstract string Intent { get; }

    /// <summary>The command in the grammar's canonical phrasing (parsing it again gives the same command); used to confirm.</summary>
    public abstract string Describe();
}
