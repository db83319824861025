using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;

namespace DurableObjects.AI.Rewards;

/// <summary>An LLM judge producing a 0–1 score with rationale for one <see cref="CheckKind"/>.</summary>
public interface IJudge
{
    /// <summary>The check this judge answers.</summary>
    CheckKind Kind { get; }

    /// <summary>Judge name, e.g. <c>preference</c>.</summary>
    string Name { get; }

    /// <summary>Judges the candidate. Usage is added to <paramref name="ledger"/> when given.</summary>
    /// <exception cref="StructuredOutputException">The model gave no valid answer within the re-ask budget.</exception>
    Task<JudgeVerdict> JudgeAsync(JudgeInput input, UsageLedger? ledger, CancellationToken cancellationToken);
}
