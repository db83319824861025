namespace DurableObjects.AI.Schemas;

/// <summary>What a planned change does to a public method.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ApiChangeKind>))]
public enum ApiChangeKind
{
    /// <summary>A new public method.</summary>
    Add,

    /// <summary>A public method is removed (breaking).</summary>
    Remove,

    /// <summary>Parameters or return type change (breaking unless compatible).</summary>
    ChangeSignature,

    /// <summary>Same signature, different behaviour.</summary>
    ChangeBehavior,
}
