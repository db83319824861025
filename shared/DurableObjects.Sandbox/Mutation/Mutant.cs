namespace DurableObjects.Sandbox.Mutation;

/// <summary>One deliberately broken copy of a candidate: which method, what was broken, and the files to build.</summary>
/// <param name="Method">The mutated method, as <c>Type.Method</c>.</param>
/// <param name="Description">What changed, e.g. <c>'a * b' → 'a / b'</c>.</param>
/// <param name="Files">The candidate's files with the one change applied.</param>
public sealed record Mutant(string Method, string Description, IReadOnlyDictionary<string, string> Files);
