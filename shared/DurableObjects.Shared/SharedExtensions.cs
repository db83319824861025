using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Audit.Chain;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Shared;

/// <summary>Registrations of the shared domain and storage services.</summary>
public static class SharedExtensions
{
    public static IServiceCollection AddDurableObjectsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.PostConfigure<StorageOptions>(options => FunctionsStorageSettings.Apply(options, configuration));
        services.Configure<ObjectLimitsOptions>(configuration.GetSection(ObjectLimitsOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageClients>();
        services.AddSingleton<ContentStore>();
        services.AddSingleton<ObjectStore>();
        services.AddSingleton<VersionStore>();
        services.AddSingleton<DecisionChain>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<BootstrapClaim>();
        services.AddSingleton<PendingAccessChanges>();
        services.AddSingleton<UserAccountService>();
        services.AddSingleton<UserAccessService>();
        services.AddOptions<RevocationMarkerOptions>();
        services.AddSingleton<RevocationMarkerPurge>();
        services.AddSingleton<PhoneStore>();
        return services;
    }
}
