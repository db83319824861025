namespace DurableObjects.AI.Contracts;

/// <summary>How a public API broke.</summary>
public enum BreakingChangeKind
{
    /// <summary>The class was renamed.</summary>
    ClassRenamed,

    /// <summary>A method no longer exists.</summary>
    MethodRemoved,

    /// <summary>A method exists with the same name but no overload has the old parameter types.</summary>
    ParametersChanged,

    /// <summary>A parameter was renamed (breaks callers that pass JSON arguments by name).</summary>
    ParameterRenamed,

    /// <summary>The return type changed.</summary>
    ReturnTypeChanged,
}
