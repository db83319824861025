using System.ComponentModel;

namespace DurableObjects.AI.Schemas;

/// <summary>
/// A kept test the plan changes or removes on purpose. Only declared changes are allowed; each one is shown in the
/// reward decision and makes the run wait for a person's approval.
/// </summary>
public sealed record TestChangeDeclaration
{
    /// <summary>The existing test method's name.</summary>
    [Description("Name of the existing test method that changes or is removed")]
    public required string Test { get; init; }

    /// <summary>Why (the behaviour or API the request changes).</summary>
    public required string Reason { get; init; }
}
