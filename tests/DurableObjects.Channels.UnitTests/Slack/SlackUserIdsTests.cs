using DurableObjects.Channels.Slack;

namespace DurableObjects.Channels.UnitTests.Slack;

/// <summary>A Slack member id identifies a user on the webhooks and keys their link: exactly U… or W…, nothing after.</summary>
public sealed class SlackUserIdsTests
{
    [Theory]
    [InlineData("U0ADA")]
    [InlineData("W012ABCDEF")]
    public void IsValid_MemberId_IsTrue(string id) => Assert.True(SlackUserIds.IsValid(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("C0CHANNEL")]
    [InlineData("u0ada")]
    [InlineData("U0")]
    [InlineData("U0ADA\n")]
    [InlineData("U0ADA\r\n")]
    [InlineData("U0ADA U0BOB")]
    public void IsValid_AnythingElse_IsFalse(string? id) => Assert.False(SlackUserIds.IsValid(id));
}
