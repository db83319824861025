namespace DurableObjects.AI.Configuration;

/// <summary>
/// The model for one role (configuration section <c>AI:Planner</c>, <c>AI:Generator</c> or <c>AI:Judge</c>).
/// </summary>
public sealed class RoleModelOptions
{
    /// <summary>Model name (OpenAI, compatible servers) or deployment name (Azure). Falls back to <c>AI:Model</c>.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Sampling temperature (<c>AI:{Role}:Temperature</c>); null = provider default and not sent, which reasoning
    /// models require. A low value (e.g. 0) makes judges more repeatable.
    /// </summary>
    public float? Temperature { get; set; }

    /// <summary>Price per 1,000 input tokens, in the currency of your bill; used for cost estimates only. Default 0.</summary>
    public decimal InputPricePer1KTokens { get; set; }

    /// <summary>Price per 1,000 output tokens; used for cost estimates only. Default 0.</summary>
    public decimal OutputPricePer1KTokens { get; set; }
}
