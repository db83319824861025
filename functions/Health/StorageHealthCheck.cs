using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DurableObjects.Functions.Health;

/// <summary>Healthy when the storage account answers.</summary>
public sealed class StorageHealthCheck(StorageClients storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await storage.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy("Storage answers.");
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("Storage does not answer.");
        }
    }
}
