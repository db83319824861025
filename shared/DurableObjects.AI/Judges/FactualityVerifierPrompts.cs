namespace DurableObjects.AI.Judges;

/// <summary>Prompts of the <see cref="FactualityVerifier"/>, which produces a <see cref="Schemas.FactualityCheck"/>.</summary>
internal static class FactualityVerifierPrompts
{
    public const string Task = """
        You verify the factual correctness of a candidate version of a small C# class (a "durable object"): the
        algorithms it implements, its mathematics (formulas, edge cases, overflow, rounding), domain facts it encodes
        (units, rates, calendars, standards) and what its comments claim.
        For each claim say whether it is correct and why. score = 1 when everything is correct; any wrong result for a
        valid input brings it below 0.5. Where a claim can be grounded by running code, add an executable check: a C#
        expression over the class's public API (e.g. new Calc().Factorial(5)) and the exact expected value as a C#
        literal comparable with == (e.g. 120L); leave the list empty when none applies. List every error as an issue and its fix in recommendations.
        """;
}
