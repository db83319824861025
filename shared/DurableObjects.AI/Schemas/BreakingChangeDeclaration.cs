using System.ComponentModel;

namespace DurableObjects.AI.Schemas;

/// <summary>A breaking API change the plan declares on purpose; the API-contract gate allows declared ones.</summary>
public sealed record BreakingChangeDeclaration
{
    /// <summary>The public method whose contract breaks.</summary>
    [Description("Name of the existing public method that is removed or whose signature changes")]
    public required string Method { get; init; }

    /// <summary>Why the break is needed (the request asks for it).</summary>
    public required string Reason { get; init; }
}
