using DurableObjects.Orchestrations.Commands;
using DurableObjects.Shared.Users;

namespace DurableObjects.Channels.IntegrationTests.Commands;

/// <summary>Reply shaping and code recognition (no host needed).</summary>
public sealed class ReplyTextTests
{
    [Theory]
    [InlineData("yes", true)]
    [InlineData(" Yes! ", true)]
    [InlineData("OK.", true)]
    [InlineData("yes please", true)]
    [InlineData("yesterday", false)]
    [InlineData("deploy yes", false)]
    public void IsYes_RecognizesConfirmations(string text, bool expected) => Assert.Equal(expected, ReplyText.IsYes(text));

    [Theory]
    [InlineData("no", true)]
    [InlineData("Nope.", true)]
    [InlineData("cancel", true)]
    [InlineData("none", false)]
    public void IsNo_RecognizesRefusals(string text, bool expected) => Assert.Equal(expected, ReplyText.IsNo(text));

    [Fact]
    public void Shorten_LongText_CutsAtAWordWithEllipsis()
    {
        var text = string.Join(' ', Enumerable.Repeat("Calculator", 60));

        var shortened = ReplyText.Shorten(text);

        Assert.True(shortened.Length <= ReplyText.MaxLength);
        Assert.EndsWith("Calculator…", shortened, StringComparison.Ordinal);
    }

    [Fact]
    public void Spoken_VersionsAndMarkup_BecomeWords()
    {
        Assert.Equal("Calculator: version 3 current. deploy Name or help", ReplyText.Spoken("Calculator: v3 current. deploy <Name>|help"));
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("Code: 123456", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("deploy 123456", null)]
    [InlineData("", null)]
    public void VerificationCodes_Extract_OnlyABareCode(string text, string? expected) =>
        Assert.Equal(expected, VerificationCodes.Extract(text));

    [Fact]
    public void VerificationCodes_HashMatchesOnlyTheCode()
    {
        var salt = VerificationCodes.NewSalt();
        var hash = VerificationCodes.Hash("123456", salt);

        Assert.True(VerificationCodes.Matches("123456", salt, hash));
        Assert.False(VerificationCodes.Matches("123457", salt, hash));
        Assert.False(VerificationCodes.Matches("123456", VerificationCodes.NewSalt(), hash));
        Assert.DoesNotContain("123456", hash, StringComparison.Ordinal);
    }
}
