using DurableObjects.Channels.Configuration;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.UnitTests.Infrastructure;

/// <summary>Settings pointing at stand-ins.</summary>
public static class TestOptions
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "twilio-test-token";
    public const string FromNumber = "+15005550006";

    public static IOptions<TwilioOptions> Twilio(Uri? baseAddress = null, string? publicBaseUrl = null) => Options.Create(new TwilioOptions
    {
        AccountSid = AccountSid,
        AuthToken = AuthToken,
        PhoneNumber = FromNumber,
        ApiBaseUrl = baseAddress?.ToString(),
        PublicBaseUrl = publicBaseUrl,
    });
}
