namespace DurableObjects.Channels.Commands;

/// <summary><c>list users</c> (admins only; the processor enforces that).</summary>
public sealed record ListUsersCommand : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.ListUsers;

    /// <inheritdoc />
    public override string Describe() => "list users";
}
