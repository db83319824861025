using System.Globalization;

namespace DurableObjects.Channels.Commands;

/// <summary><c>rollback &lt;Name&gt; [to v&lt;N&gt;]</c>; <see cref="Version"/> is null for the previous version.</summary>
public sealed record RollbackObjectCommand(string Name, int? Version = null) : Command
{
    /// <inheritdoc />
    public override string Intent => CommandIntents.Rollback;

    /// <inheritdoc />
    public override string Describe() =>
        Version is null ? $"rollback {Name}" : $"rollback {Name} to v{Version.Value.ToString(CultureInfo.InvariantCulture)}";
}
