using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>HTTP triggers of health, the OpenAPI document and the API reference page: each hands its request to the shared pipeline (<see cref="HttpGateway"/>).</summary>
public sealed class ServiceFunctions(HttpGateway gateway)
{
    [Function("Health")]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("HealthLive")]
    public Task<IActionResult> HealthLive([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health/live")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("HealthReady")]
    public Task<IActionResult> HealthReady([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health/ready")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("HealthIsolation")]
    public Task<IActionResult> HealthIsolation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/isolation")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("OpenApiDocument")]
    public Task<IActionResult> OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi/{documentName}.json")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("ApiReference")]
    public Task<IActionResult> ApiReference([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api-reference/{*path}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);
}
