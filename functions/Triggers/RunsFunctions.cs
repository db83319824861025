using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>HTTP triggers of the runs (/api/runs, modifications, creation, pipeline policy): each hands its request to the shared pipeline (<see cref="HttpGateway"/>).</summary>
public sealed class RunsFunctions(HttpGateway gateway)
{
    [Function("RunsModify")]
    public Task<IActionResult> RunsModify([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/{name}/modifications")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("RunsCreate")]
    public Task<IActionResult> RunsCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/objects/from-scratch")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("RunsList")]
    public Task<IActionResult> RunsList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("RunsGet")]
    public Task<IActionResult> RunsGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs/{id}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("RunsEvents")]
    public Task<IActionResult> RunsEvents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/runs/{id}/events")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("RunsApprove")]
    public Task<IActionResult> RunsApprove([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/runs/{id}/approve")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("RunsReject")]
    public Task<IActionResult> RunsReject([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/runs/{id}/reject")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("RunsCancel")]
    public Task<IActionResult> RunsCancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/runs/{id}/cancel")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("RunPolicyGet")]
    public Task<IActionResult> RunPolicyGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/objects/{name}/pipeline-policy")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);

    [Function("RunPolicySet")]
    public Task<IActionResult> RunPolicySet([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/objects/{name}/pipeline-policy")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        gateway.HandleAsync(request, client);
}
