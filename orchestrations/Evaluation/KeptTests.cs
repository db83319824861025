using DurableObjects.Sandbox.Testing;

namespace DurableObjects.Orchestrations.Evaluation;

/// <summary>The reference a candidate is judged against: a stored version's files (read by content hash) and its test class.</summary>
public sealed record KeptTests(int Version, IReadOnlyDictionary<string, string> Files, TestClassShape? Shape);
