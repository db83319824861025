using DurableObjects.Orchestrations.Monitors;

namespace DurableObjects.Orchestrations.UnitTests.Monitors;

/// <summary>A monitor's event pattern is checked for its shape before it is stored: exactly the shape, nothing after.</summary>
public sealed class EventPatternTests
{
    [Theory]
    [InlineData("user.registered")]
    [InlineData("token.revoked")]
    [InlineData("object.*")]
    [InlineData("*.failed")]
    public void Check_WellFormedKnownPattern_IsNull(string pattern) => Assert.Null(EventPattern.Check(pattern));

    [Theory]
    [InlineData("user.registered\n")]
    [InlineData("object.*\n")]
    [InlineData("*.failed\n")]
    [InlineData("user.registered\r\n")]
    [InlineData("User.Registered")]
    [InlineData("user")]
    [InlineData("user.role-changed")]
    public void Check_MalformedPattern_SaysItIsNotAPattern(string pattern) =>
        Assert.Contains("is not an event-type pattern", EventPattern.Check(pattern), StringComparison.Ordinal);
}
