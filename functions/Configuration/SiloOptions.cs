namespace DurableObjects.Functions.Configuration;

/// <summary>
/// How the co-hosted Orleans silo joins its cluster (section <c>Cluster</c>; not "Orleans", which Orleans reads itself). "Localhost" runs a single-node
/// cluster for development and tests; "Redis" joins every host that shares the Redis connection string.
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "Cluster";

    public string Clustering { get; set; } = "Localhost";
    public string? RedisConnectionString { get; set; }
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string ClusterId { get; set; } = "durable-objects";
    public string ServiceId { get; set; } = "durable-objects";
}
