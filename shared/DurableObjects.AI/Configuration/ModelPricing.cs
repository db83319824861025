namespace DurableObjects.AI.Configuration;

/// <summary>Prices per 1,000 tokens, for cost estimates.</summary>
/// <param name="InputPer1KTokens">Price per 1,000 input (prompt) tokens.</param>
/// <param name="OutputPer1KTokens">Price per 1,000 output (completion) tokens.</param>
public sealed record ModelPricing(decimal InputPer1KTokens, decimal OutputPer1KTokens)
{
    /// <summary>No price known: costs are estimated as zero.</summary>
    public static ModelPricing Free { get; } = new(0m, 0m);

    /// <summary>Estimated cost of one call.</summary>
    public decimal Estimate(long inputTokens, long outputTokens) =>
        (inputTokens * InputPer1KTokens / 1000m) + (outputTokens * OutputPer1KTokens / 1000m);
}
