namespace DurableObjects.Orchestrations.Runs;

/// <summary>What a run does: change an existing object, or create a new one from requirements.</summary>
public enum RunKind
{
    /// <summary>A change to an existing object, from a plain-language request or from supplied code.</summary>
    Modification,

    /// <summary>A new object created from a name, a description and requirements.</summary>
    Creation,
}
