namespace DurableObjects.AI.Schemas;

/// <summary>What a planned change does to a public method.</summary>
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
