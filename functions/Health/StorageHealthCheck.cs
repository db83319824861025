using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DurableObjects.Functions.Health;

/// <summary>Healthy when the storage account answers within 2 s (readiness: <c>/health/ready</c>); a frozen or
/// unreachable account is reported unhealthy within that bound, not after the storage client's retries.</summary>
public sealed class StorageHealthCheck(StorageClients storage) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await storage.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy("Storage answers.");
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("Storage does not answer.");
        }
    }
}
