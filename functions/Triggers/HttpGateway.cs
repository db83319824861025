using DurableObjects.Orchestrations.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace DurableObjects.Functions.Triggers;

/// <summary>
/// Where every HTTP trigger of the Functions app goes: the same request pipeline standalone mode serves on Kestrel
/// (<see cref="HostingExtensions.UseDurableObjectsPipeline"/>: problems, limits, routing, bearer token, authorization,
/// Idempotency-Key, the endpoints), built once over this process's services. A trigger only says which route it
/// answers (for the Functions host's routing and <c>functions.metadata</c>); the pipeline routes the request again by
/// the same path, so authorization, validation and handlers are the same code in both modes. The invocation's
/// <c>[DurableClient]</c> is lent to the services for the request (<see cref="EngineClient"/>).
/// </summary>
public sealed class HttpGateway
{
    private readonly RequestDelegate _pipeline;
    private readonly IServiceScopeFactory _scopes;

    public HttpGateway(IServiceProvider services)
    {
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        var app = new ApplicationBuilder(services);
        app.UseDurableObjectsPipeline();
        _pipeline = app.Build();
    }

    /// <summary>
    /// Answers <paramref name="request"/> through the shared pipeline, which writes the response to the request's
    /// context; the function's own result is therefore empty (the Functions host sends what the pipeline wrote).
    /// </summary>
    public async Task<IActionResult> HandleAsync(HttpRequest request, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.HttpContext;
        // The Functions host already matched its own endpoint (the trigger); routing skips matching when one is set.
        http.SetEndpoint(null);
        http.Request.RouteValues.Clear();
        var outer = http.RequestServices;
        await using var scope = _scopes.CreateAsyncScope();
        http.RequestServices = scope.ServiceProvider;
        try
        {
            using (EngineClient.Use(client))
            {
                await _pipeline(http);
            }
        }
        finally
        {
            http.RequestServices = outer;
        }
        return new EmptyResult();
    }
}
