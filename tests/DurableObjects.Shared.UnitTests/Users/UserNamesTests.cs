using DurableObjects.Shared.Users;

namespace DurableObjects.Shared.UnitTests.Users;

/// <summary>User names are ids in URLs, audit subjects and storage keys: exactly the rule's characters, nothing after.</summary>
public sealed class UserNamesTests
{
    [Theory]
    [InlineData("ada")]
    [InlineData("Ada")]
    [InlineData("a")]
    [InlineData("ada.lovelace-2_x")]
    public void IsValid_NameByTheRule_IsTrue(string name) => Assert.True(UserNames.IsValid(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1ada")]
    [InlineData(".ada")]
    [InlineData("ada lovelace")]
    [InlineData("ada/x")]
    [InlineData("ada\n")]
    [InlineData("ada\r\n")]
    [InlineData("\nada")]
    [InlineData("ada\nbob")]
    public void IsValid_AnythingElse_IsFalse(string? name) => Assert.False(UserNames.IsValid(name));

    [Fact]
    public void IsValid_Over64Characters_IsFalse()
    {
        Assert.True(UserNames.IsValid(new string('a', 64)));
        Assert.False(UserNames.IsValid(new string('a', 65)));
        Assert.False(UserNames.IsValid(new string('a', 64) + "\n"));
    }
}
