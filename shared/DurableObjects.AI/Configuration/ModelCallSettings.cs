namespace DurableObjects.AI.Configuration;

/// <summary>What a structured call needs to know about its model besides the client: name, prices and re-ask budget.</summary>
public sealed record ModelCallSettings
{
    /// <summary>Defaults for tests and ad-hoc use: model "unknown", free, 2 re-asks.</summary>
    public static ModelCallSettings Default { get; } = new();

    /// <summary>The model name recorded with usage when the response does not name one.</summary>
    public string Model { get; init; } = "unknown";

    /// <summary>Prices used for the cost estimate.</summary>
    public ModelPricing Pricing { get; init; } = ModelPricing.Free;

    /// <summary>Re-asks after an invalid answer (0 = one attempt only).</summary>
    public int MaxReasks { get; init; } = 2;

    /// <summary>
    /// Ask OpenAI-protocol providers for strict schema adherence (<c>"strict": true</c>), so the answer always matches
    /// the schema; validation still runs. Servers that do not know the flag ignore it. Default true.
    /// </summary>
    public bool StrictJsonSchema { get; init; } = true;

    /// <summary>Sampling temperature; null = not sent.</summary>
    public float? Temperature { get; init; }
}
