using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;

namespace DurableObjects.Shared.UnitTests.Domain;

public sealed class ActorTests
{
    [Theory]
    [InlineData(UserRole.Admin, "someone", true)]
    [InlineData(UserRole.Member, "me", true)]
    [InlineData(UserRole.Member, "someone", false)]
    [InlineData(UserRole.Viewer, "me", false)]
    public void MayChange_ByRoleAndOwnership(UserRole role, string owner, bool expected) =>
        Assert.Equal(expected, new Actor("me", role).MayChange(owner));

    [Fact]
    public void ApiTokens_AreRandomPrefixedAndHashStable()
    {
        var one = ApiTokens.Generate();
        var two = ApiTokens.Generate();

        Assert.StartsWith("do_", one, StringComparison.Ordinal);
        Assert.NotEqual(one, two);
        Assert.Equal(ApiTokens.Hash(one), ApiTokens.Hash(one));
        Assert.DoesNotContain(one, ApiTokens.Hash(one), StringComparison.Ordinal);
        Assert.True(ApiTokens.LooksLikeToken(one));
        Assert.False(ApiTokens.LooksLikeToken("Bearer x"));
    }
}
