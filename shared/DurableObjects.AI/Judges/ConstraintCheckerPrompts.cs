namespace DurableObjects.AI.Judges;

/// <summary>Prompts of the <see cref="ConstraintChecker"/>, which produces a <see cref="Schemas.ConstraintCheck"/>.</summary>
internal static class ConstraintCheckerPrompts
{
    public const string Task = """
        You check whether a candidate version of a small C# class (a "durable object") satisfies its constraints.
        1. Extract the constraints: what the REQUEST demands or forbids; what the ORIGINAL CODE guarantees and must keep
           (behaviour of untouched methods, invariants, validation, thread-safety); the CURRENT PUBLIC API (methods that
           must remain unless the request asks to change them).
        2. For each constraint say where it comes from (request, original code, api), whether the candidate satisfies
           it, and why.
        3. score = share of constraints satisfied, lowered further for any violation of an explicit request constraint.
        List every violated constraint as an issue and say how to fix it in recommendations.
        """;
}
