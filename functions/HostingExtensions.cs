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
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace DurableObjects.Functions;

/// <summary>Registrations and endpoint mapping of the DurableObjects host.</summary>
public static class HostingExtensions
{
    /// <summary>Configuration layers, then every service: storage, the Durable Task engine, auth, OpenAPI, problems.</summary>
    public static WebApplicationBuilder AddDurableObjects(this WebApplicationBuilder builder)
    {
        builder.AddDurableObjectsConfiguration();
        return builder.AddDurableObjectsServices();
    }

    /// <summary>Every service, from configuration already in place (tests add their own layer first).</summary>
    public static WebApplicationBuilder AddDurableObjectsServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDurableObjectsStorage(builder.Configuration);
        services.AddDurableObjectsOrchestrations(builder.Configuration);
        services.AddDurableObjectsAI(builder.Configuration);
        services.AddDurableObjectsChannels(builder.Configuration);
        services.AddDurableObjectsRuns(builder.Configuration);
        services.AddDurableObjectsCommands(builder.Configuration);
        services.AddDurableObjectsMonitors(builder.Configuration);
        builder.AddDurableObjectsEngine();

        services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddDurableObjectsPolicies();
        services.AddHostedService<AdminBootstrapService>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Malformed JSON and unbindable parameters: say what was wrong, never how the server failed.
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Status = bad.StatusCode;
                context.ProblemDetails.Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Invalid request";
                context.ProblemDetails.Detail = bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            }
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.AllowTrailingCommas = false);
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [HealthEndpoints.ReadyTag]);
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.AddDurableObjectsIdempotency(builder.Configuration);
        return builder;
    }

    public static WebApplication MapDurableObjects(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseRequestLimits();
        app.UseWebFrontEnd();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseIdempotency();

        app.MapHealthEndpoints();
        app.MapOpenApi();
        app.MapScalarApiReference("/api-reference");
        app.MapObjectsApi();
        app.MapVersionsApi();
        app.MapDeploymentsApi();
        app.MapInvokeApi();
        app.MapEventsApi();
        app.MapAuditApi();
        app.MapUsersApi();
        app.MapRunsApi();
        app.MapPhoneApi();
        app.MapOutboxApi();
        app.MapMonitorsApi();
        app.MapSlackApi();
        app.MapTwilioWebhooks();
        app.MapSlackWebhooks();
        return app;
    }
}
