namespace DurableObjects.Cli.Commands;

/// <summary>How a push is sent and followed (shared by <c>push</c> and <c>dev</c>).</summary>
public sealed record PushOptions(string? Message, bool Force, bool? Deploy, bool? RequireApproval, bool ApproveWhenReady, bool Detach);
