using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DurableObjects.Functions.Http;

/// <summary>
/// For an endpoint with <see cref="RequiredBodyProperties"/>: its JSON body schema becomes the shared type's schema
/// <c>allOf</c> one that requires those properties, so the shared type stays as it is for the other endpoints.
/// </summary>
public sealed class RequiredBodyPropertiesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredBodyProperties>().LastOrDefault() is { } required
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true
            && body is OpenApiMediaType { Schema: { } schema } media)
        {
            media.Schema = new OpenApiSchema
            {
                AllOf = [schema, new OpenApiSchema { Required = new HashSet<string>(required.Names, StringComparer.Ordinal) }],
            };
        }
        return Task.CompletedTask;
    }
}
