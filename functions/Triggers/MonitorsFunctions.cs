using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>HTTP triggers of the monitors (/api/monitors): each hands its request to the shared pipeline (<see cref="HttpGateway"/>).</summary>
public sealed class MonitorsFunctions(HttpGateway gateway)
{
    [Function("MonitorsCreate")]
    public Task<IActionResult> MonitorsCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/monitors")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("MonitorsList")]
    public Task<IActionResult> MonitorsList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/monitors")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("MonitorsGet")]
    public Task<IActionResult> MonitorsGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/monitors/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("MonitorsUpdate")]
    public Task<IActionResult> MonitorsUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/monitors/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("MonitorsEnable")]
    public Task<IActionResult> MonitorsEnable([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/monitors/{id}/enable")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("MonitorsDisable")]
    public Task<IActionResult> MonitorsDisable([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/monitors/{id}/disable")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("MonitorsDelete")]
    public Task<IActionResult> MonitorsDelete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/monitors/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("MonitorsScan")]
    public Task<IActionResult> MonitorsScan([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/monitors/scan")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);
}
