namespace DurableObjects.AI.Contracts;

/// <summary>How a public API broke for callers that invoke methods by name with JSON arguments by name.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<BreakingChangeKind>))]
public enum BreakingChangeKind
{
    /// <summary>A method no longer exists.</summary>
    MethodRemoved,

    /// <summary>A parameter callers may pass no longer exists (removed or renamed).</summary>
    ParameterRemoved,

    /// <summary>A parameter's type changed.</summary>
    ParameterTypeChanged,

    /// <summary>A new required parameter, or an optional one became required: existing calls omit it.</summary>
    RequiredParameterAdded,

    /// <summary>The return type changed.</summary>
    ReturnTypeChanged,
}
