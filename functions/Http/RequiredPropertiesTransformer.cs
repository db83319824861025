using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Makes each object schema's <c>required</c> list say what is true of the JSON. System.Text.Json's schema exporter
/// lists every constructor parameter of a record, nullable or not, so every record looked fully required. Here a
/// property is required when it is always there: declared non-nullable and written unconditionally (what an answer
/// always carries), or marked <see cref="RequiredAttribute"/> (a request field its handler refuses without; request
/// records declare their fields nullable because the handler, not the binder, checks them and names the field).
/// A property that JSON cannot set (no setter, no constructor parameter) is marked <c>readOnly</c>: it is never read
/// from a request. A request record's <see cref="RequiresAnyOfAttribute"/> ("one of these") becomes the schema's <c>anyOf</c>
/// of one-property <c>required</c> lists.
/// </summary>
public sealed class RequiredPropertiesTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties)
        {
            return Task.CompletedTask;
        }
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!properties.TryGetValue(property.Name, out var propertySchema))
            {
                continue;
            }
            if (IsRequired(property))
            {
                required.Add(property.Name);
            }
            if (property is { Set: null, AssociatedParameter: null } && propertySchema is OpenApiSchema writable)
            {
                writable.ReadOnly = true;
            }
        }
        schema.Required = required.Count > 0 ? required : null;
        if (context.JsonTypeInfo.Type.GetCustomAttribute<RequiresAnyOfAttribute>() is { } anyOf)
        {
            schema.AnyOf = [.. anyOf.Properties.Select(name => (IOpenApiSchema)new OpenApiSchema { Required = new HashSet<string> { JsonName(context.JsonTypeInfo, name) } })];
        }
        return Task.CompletedTask;
    }

    private static string JsonName(JsonTypeInfo type, string member) =>
        type.Properties.SingleOrDefault(p => p.AttributeProvider is MemberInfo m && m.Name == member)?.Name
        ?? throw new InvalidOperationException($"{type.Type.Name} has no property {member} for its {nameof(RequiresAnyOfAttribute)}.");

    private static bool IsRequired(JsonPropertyInfo property) =>
        property.IsRequired
        || property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: false) == true
        || property is { IsGetNullable: false, Get: not null, ShouldSerialize: null };
}
