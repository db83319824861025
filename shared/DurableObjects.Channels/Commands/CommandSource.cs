namespace DurableObjects.Channels.Commands;

/// <summary>Who recognized the command.</summary>
public enum CommandSource
{
    /// <summary>Nobody (unknown or empty text).</summary>
    None,

    /// <summary>The fixed grammar.</summary>
    Grammar,

    /// <summary>The language model (free text).</summary>
    Model,
}
