namespace DurableObjects.AI.Rewards;

/// <summary>The fan-out result: verdicts of the judges that ran and the judges skipped.</summary>
/// <param name="Verdicts">Verdicts, including failed ones (score 0 with <see cref="JudgeVerdict.Error"/>).</param>
/// <param name="Skipped">Routed judges that did not run.</param>
public sealed record JudgePanelResult(IReadOnlyList<JudgeVerdict> Verdicts, IReadOnlyList<SkippedJudge> Skipped);
