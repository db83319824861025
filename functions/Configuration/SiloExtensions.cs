using Orleans.Configuration;

namespace DurableObjects.Functions.Configuration;

/// <summary>Co-hosts the Orleans silo in the web host, clustered as <see cref="SiloOptions"/> says.</summary>
public static class SiloExtensions
{
    public static WebApplicationBuilder AddDurableObjectsSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        builder.UseOrleans(silo =>
        {
            // A deploy compiles, starts a runner and runs the object's tests inside one grain call.
            silo.Configure<SiloMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromMinutes(2));
            if (string.Equals(options.Clustering, "Redis", StringComparison.OrdinalIgnoreCase))
            {
                silo.UseRedisClustering(options.RedisConnectionString ?? throw new InvalidOperationException("Cluster:RedisConnectionString is required for Redis clustering."));
                silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort);
                silo.Configure<ClusterOptions>(c => (c.ClusterId, c.ServiceId) = (options.ClusterId, options.ServiceId));
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
            }
        });
        return builder;
    }
}
