namespace DurableObjects.Cli.Api;

/// <summary>What a follower has reported so far, so a fallback from the stream to polling repeats nothing.</summary>
internal sealed class FollowState
{
    public int LastSequence { get; set; }
    public string? LastStatus { get; set; }
}
