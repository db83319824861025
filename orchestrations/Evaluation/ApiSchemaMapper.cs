using Ai = DurableObjects.AI.Contracts;
using SandboxApi = DurableObjects.Sandbox.Api;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>Maps the Sandbox's schema (extracted from compiled code) onto the AI library's contract shape.</summary>
public static class ApiSchemaMapper
{
    public static Ai.ApiSchema? FromJson(string? sandboxSchemaJson) =>
        string.IsNullOrWhiteSpace(sandboxSchemaJson) ? null : Map(SandboxApi.ApiSchema.FromJson(sandboxSchemaJson));

    public static Ai.ApiSchema Map(SandboxApi.ApiSchema schema) => new()
    {
        ClassName = schema.ClassName,
        Methods = schema.Methods.Select(m => new Ai.ApiMethod
        {
            Name = m.Name,
            ReturnType = m.ReturnType,
            Parameters = m.Parameters.Select(p => new Ai.ApiParameter { Name = p.Name, Type = p.Type, Optional = p.Optional }).ToList(),
        }).ToList(),
    };

    /// <summary>The names of the tests a compiled version ships (empty when it has none or no schema).</summary>
    public static IReadOnlyList<string> TestNames(string? sandboxSchemaJson) =>
        string.IsNullOrWhiteSpace(sandboxSchemaJson) ? [] : SandboxApi.ApiSchema.FromJson(sandboxSchemaJson).Tests;
}
