namespace DurableObjects.Sandbox.Policy;

/// <summary>
/// A use of a framework member, described the same way whether it was found on the semantic model or in IL:
/// its name (property and event names without <c>get_</c>/<c>add_</c> prefixes where known), whether it is static or a
/// constructor, and the full names of its parameter types.
/// </summary>
public sealed record MemberUse(string Name, bool IsStatic, bool IsConstructor, IReadOnlyList<string> ParameterTypes);
