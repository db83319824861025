namespace DurableObjects.Channels.Commands;

/// <summary><c>reject &lt;run&gt; [because &lt;reason&gt;]</c>.</summary>
public sealed record RejectRunCommand(string RunId, string? Reason = null) : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.Reject;

    /// <inheritdoc />
    public override string Describe() => Reason is null ? $"reject {RunId}" : $"reject {RunId} because {Reason}";
}
