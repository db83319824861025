using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DurableObjects.Functions.Http;

/// <summary>Declares the bearer-token scheme in the OpenAPI document so the API reference page can send a token.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal API token (do_…). The first start prints one for the user 'admin'.",
        };
        document.Info.Title = "DurableObjects API";
        return Task.CompletedTask;
    }
}
