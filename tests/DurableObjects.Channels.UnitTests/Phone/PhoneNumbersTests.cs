using DurableObjects.Channels.Phone;

namespace DurableObjects.Channels.UnitTests.Phone;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("+15551234567", "+15551234567")]
    [InlineData("(555) 123-4567", "+15551234567")]
    [InlineData("555.123.4567", "+15551234567")]
    [InlineData("1 555 123 4567", "+15551234567")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    public void TryNormalize_CommonForms_ReturnsE164(string input, string expected)
    {
        Assert.True(PhoneNumbers.TryNormalize(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("12345")]
    [InlineData("+0123456789")]
    [InlineData("+1234567890123456")]
    [InlineData("+1 555 CALL NOW")]
    public void TryNormalize_NotANumber_False(string? input)
    {
        Assert.False(PhoneNumbers.TryNormalize(input, out _));
    }

    [Fact]
    public void Mask_E164_KeepsCountryDigitAndLastFour()
    {
        Assert.Equal("+1******4567", PhoneNumbers.Mask("+15551234567"));
    }

    [Theory]
    [InlineData(null, "(none)")]
    [InlineData("+123", "***")]
    public void Mask_ShortOrMissing_RevealsNothing(string? input, string expected)
    {
        Assert.Equal(expected, PhoneNumbers.Mask(input));
    }
}
