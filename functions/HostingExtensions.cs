using DurableObjects.Functions.Auth;
using DurableObjects.Functions.Configuration;
using DurableObjects.Functions.Engine;
using DurableObjects.Functions.Health;
using DurableObjects.Functions.Http;
using DurableObjects.Functions.Web;
using DurableObjects.Functions.Webhooks;
using DurableObjects.AI.Configuration;
using DurableObjects.Channels;
using DurableObjects.Orchestrations;
using DurableObjects.Orchestrations.Commands;
using DurableObjects.Shared;
using DurableObjects.Shared.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace DurableObjects.Functions;

/// <summary>
/// Registrations and the request pipeline of the DurableObjects app, shared by its two modes: standalone (Kestrel,
/// the in-process Durable Task engine, hosted monitor and history purge timers) and the Azure Functions host (triggers in
/// <c>Triggers/</c>, the Functions Durable extension, timer triggers). Both modes register
/// <see cref="AddDurableObjectsApp"/> and answer HTTP through <see cref="UseDurableObjectsPipeline"/>.
/// </summary>
public static class HostingExtensions
{
    /// <summary>Standalone: configuration layers, then every service, the local engine, the monitor timer and the engine history purge timer.</summary>
    public static WebApplicationBuilder AddDurableObjects(this WebApplicationBuilder builder)
    {
        builder.AddDurableObjectsConfiguration();
        return builder.AddDurableObjectsServices();
    }

    /// <summary>Standalone, from configuration already in place (tests add their own layer first).</summary>
    public static WebApplicationBuilder AddDurableObjectsServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddDurableObjectsApp(builder.Configuration);
        builder.AddDurableObjectsEngine();
        builder.Services.AddMonitorTimer();
        builder.Services.AddEngineHistoryPurgeTimer();
        return builder;
    }

    /// <summary>
    /// Every service both modes share: storage, objects and serving, models, channels, runs, commands, monitors,
    /// auth, OpenAPI, problems, health, idempotency. Not the engine (the mode brings its own) nor the timers (monitor tick, history purge).
    /// </summary>
    public static IServiceCollection AddDurableObjectsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDurableObjectsStorage(configuration);
        services.AddDurableObjectsOrchestrations(configuration);
        services.AddDurableObjectsAI(configuration);
        services.AddDurableObjectsChannels(configuration);
        services.AddDurableObjectsRuns(configuration);
        services.AddDurableObjectsCommands(configuration);
        services.AddDurableObjectsMonitors(configuration);
        services.AddEngineHistoryPurge(configuration);

        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<ApiTokenCache>();
        // A token revoked on this host is forgotten by its authentication at once, not after the cache bound.
        services.AddSingleton<ITokenRevocationObserver>(sp => sp.GetRequiredService<ApiTokenCache>());
        // Likewise a role changed or an account disabled on this host: at once here, elsewhere within the bound.
        services.AddSingleton<IUserAccessObserver>(sp => sp.GetRequiredService<ApiTokenCache>());
        services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddDurableObjectsPolicies();
        services.AddHostedService<AdminBootstrapService>();
        // After the bootstrap (hosted services start in order): a first admin left pending is finished too.
        services.AddHostedService<PendingAccessChangesAtStart>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Malformed JSON and unbindable parameters: say what was wrong, never how the server failed.
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Status = bad.StatusCode;
                context.ProblemDetails.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Invalid request";
                context.ProblemDetails.Detail = bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            }
            // A refusal that passes with time says when in the header clients and proxies read, too.
            if (context.ProblemDetails.Extensions.TryGetValue(Problems.RetryAfterExtension, out var seconds) && seconds is int after)
            {
                context.HttpContext.Response.Headers.RetryAfter = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.AllowTrailingCommas = false);
        services.AddRouting();
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddSchemaTransformer<RequiredPropertiesTransformer>();
            options.AddOperationTransformer<RequiredBodyPropertiesTransformer>();
        });
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [HealthEndpoints.ReadyTag]);
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.AddDurableObjectsIdempotency(configuration);
        return services;
    }

    /// <summary>Standalone: the pipeline with the web front end (web/dist) at <c>/</c>.</summary>
    public static WebApplication MapDurableObjects(this WebApplication app)
    {
        var webRoot = WebFrontEnd.Resolve(app.Configuration["Web:Root"], app.Environment.ContentRootPath);
        app.UseDurableObjectsPipeline(routes => routes.MapWebFrontEnd(webRoot), webRoot);
        return app;
    }

    /// <summary>
    /// The one request pipeline: problems for failures, request limits, routing, the bearer token, authorization,
    /// Idempotency-Key, then the API's endpoints (<see cref="MapDurableObjectsEndpoints"/>) and <paramref name="more"/>.
    /// <paramref name="webRoot"/>: the front end's files, served before routing (standalone only).
    /// </summary>
    public static IApplicationBuilder UseDurableObjectsPipeline(this IApplicationBuilder app, Action<IEndpointRouteBuilder>? more = null, string? webRoot = null)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // Bad input (malformed JSON, an unreadable form, a body over the limit) is the sender's mistake, answered
            // with a 4xx problem: not an unhandled-exception error in the logs. Everything else is still logged.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException { StatusCode: < 500 },
        });
        app.UseStatusCodePages();
        app.UseRequestLimits();
        if (webRoot is not null)
        {
            app.UseWebFrontEndFiles(webRoot);
        }
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseIdempotency();
        app.UseEndpoints(routes =>
        {
            routes.MapDurableObjectsEndpoints();
            more?.Invoke(routes);
        });
        return app;
    }

    /// <summary>Every route of the API, the webhooks, health and the OpenAPI document: the same in both modes.</summary>
    public static IEndpointRouteBuilder MapDurableObjectsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthEndpoints();
        routes.MapOpenApi().AllowHead();
        routes.MapScalarApiReference("/api-reference").AllowHead();
        routes.MapObjectsApi();
        routes.MapVersionsApi();
        routes.MapDeploymentsApi();
        routes.MapInvokeApi();
        routes.MapEventsApi();
        routes.MapAuditApi();
        routes.MapUsersApi();
        routes.MapRunsApi();
        routes.MapPhoneApi();
        routes.MapOutboxApi();
        routes.MapMonitorsApi();
        routes.MapSlackApi();
        routes.MapTwilioWebhooks();
        routes.MapSlackWebhooks();
        return routes;
    }
}
