namespace DurableObjects.Channels.Slack;

/// <summary>What <c>conversations.info</c> tells about a channel (the seed's <c>get_channel_info</c>).</summary>
public sealed record SlackChannelInfo(string Id, string Name, bool IsPrivate, bool IsArchived, int? MemberCount, string? Topic, string? Purpose);
