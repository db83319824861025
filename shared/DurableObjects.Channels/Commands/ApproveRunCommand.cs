namespace DurableObjects.Channels.Commands;

/// <summary><c>approve &lt;run&gt;</c>: approve a run waiting for a human.</summary>
public sealed record ApproveRunCommand(string RunId) : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.Approve;

    /// <inheritdoc />
    public override string Describe() => $"approve {RunId}";
}
