namespace DurableObjects.Cli.Api;

/// <summary>A completed step of a run (a <c>step</c> event, or one of the run's <c>steps</c>).</summary>
public sealed record RunStep(int Sequence, string Name, int Iteration, double DurationMs, long InputTokens, long OutputTokens, int ModelCalls);
