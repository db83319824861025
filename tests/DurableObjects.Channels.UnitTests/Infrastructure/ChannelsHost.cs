using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.UnitTests.Infrastructure;

/// <summary>A service provider built the way the host builds it: AddDurableObjectsChannels over flat configuration keys.</summary>
public static class ChannelsHost
{
    public static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableObjectsChannels(configuration);
        return services.BuildServiceProvider();
    }

    public static Dictionary<string, string?> Twilio(Uri baseAddress) => new()
    {
        ["TWILIO_ACCOUNT_SID"] = TestOptions.AccountSid,
        ["TWILIO_AUTH_TOKEN"] = TestOptions.AuthToken,
        ["TWILIO_PHONE_NUMBER"] = TestOptions.FromNumber,
        ["TWILIO_API_BASE_URL"] = baseAddress.ToString(),
    };
}
