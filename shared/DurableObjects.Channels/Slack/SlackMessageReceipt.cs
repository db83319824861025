namespace DurableObjects.Channels.Slack;

/// <summary>Slack's acknowledgement of a posted message: the channel id and the message timestamp (its id).</summary>
public sealed record SlackMessageReceipt(string Channel, string Timestamp);
