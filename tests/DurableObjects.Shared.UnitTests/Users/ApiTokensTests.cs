using DurableObjects.Shared.Users;

namespace DurableObjects.Shared.UnitTests.Users;

/// <summary>A token's short id is what listings show and revocations take: exactly what <see cref="ApiTokens.ShortId"/> makes.</summary>
public sealed class ApiTokensTests
{
    [Fact]
    public void IsShortId_WhatShortIdMakes_IsAccepted()
    {
        var id = ApiTokens.ShortId(ApiTokens.Hash(ApiTokens.Generate()));

        Assert.True(ApiTokens.IsShortId(id));
        Assert.Equal(12, id.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789a")]
    [InlineData("0123456789abc")]
    [InlineData("0123456789AB")]
    [InlineData("0123456789ag")]
    [InlineData("0123456789ab\n")]
    [InlineData("do_012345678")]
    public void IsShortId_AnythingElse_IsRefused(string? value) => Assert.False(ApiTokens.IsShortId(value));
}
