namespace DurableObjects.AI.Contracts;

/// <summary>One breaking difference between the current and the candidate API.</summary>
/// <param name="Kind">What broke.</param>
/// <param name="Member">The method (or class) concerned.</param>
/// <param name="Description">Human-readable detail, e.g. old and new signature.</param>
/// <param name="Declared">True when the plan declared this break, which makes it allowed.</param>
public sealed record BreakingChange(BreakingChangeKind Kind, string Member, string Description, bool Declared);
