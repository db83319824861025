namespace DurableObjects.Channels.Outbox;

/// <summary>Why a message is in the outbox.</summary>
public enum OutboxReason
{
    /// <summary>Its channel is not configured on this machine.</summary>
    ChannelNotConfigured,

    /// <summary>The provider refused it or could not be reached.</summary>
    SendFailed,

    /// <summary>The notification was invalid (bad target, empty text).</summary>
    Invalid,
}
