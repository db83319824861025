using DurableObjects.Shared.Domain;

namespace DurableObjects.Shared.UnitTests.Domain;

public sealed class ObjectNameTests
{
    [Theory]
    [InlineData("Calculator")]
    [InlineData("c")]
    [InlineData("order-service_2")]
    public void IsValid_UrlSafeName_IsTrue(string name) => Assert.True(ObjectName.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1calc")]
    [InlineData("-calc")]
    [InlineData("my calc")]
    [InlineData("a/b")]
    [InlineData("a.b")]
    [InlineData("ümlaut")]
    [InlineData("calc%20")]
    [InlineData("Calculator\n")]
    [InlineData("Calculator\r\n")]
    [InlineData("\nCalculator")]
    public void IsValid_UnsafeOrEmptyName_IsFalse(string? name) => Assert.False(ObjectName.IsValid(name));

    [Fact]
    public void IsValid_Over64Characters_IsFalse()
    {
        Assert.True(ObjectName.IsValid(new string('a', 64)));
        Assert.False(ObjectName.IsValid(new string('a', 65)));
    }

    [Fact]
    public void ToKey_DifferentCasings_GiveTheSameKey() =>
        Assert.Equal(ObjectName.ToKey("Calculator"), ObjectName.ToKey("cALCULATOR"));
}
