namespace DurableObjects.Sandbox.Policy;

/// <summary>
/// The permit-list that decides which framework types and members object code may use. Both checks consult it: the
/// semantic walk over the source (<see cref="SemanticPolicyChecker"/>) and the walk over every type and member
/// reference in the emitted assembly (<see cref="IlPolicyVerifier"/>), so the two cannot disagree.
/// </summary>
/// <remarks>
/// Order of decision for a type <c>Namespace.Name</c> (nested types are judged by their outermost type):
/// an explicit type ban wins; then an explicit type permit; then a permitted namespace (exact match); then a banned
/// namespace (prefix match, for a clearer reason); anything else is not on the permit-list. A permitted type may
/// still carry a <see cref="MemberRule"/>. Types declared by the object itself are always permitted; their members
/// are checked where they touch the framework.
/// </remarks>
public sealed class SandboxPolicy
{
    private readonly HashSet<string> _allowedNamespaces;
    private readonly HashSet<string> _allowedTypes;
    private readonly Dictionary<string, string> _bannedNamespaces;
    private readonly Dictionary<string, string> _bannedTypes;
    private readonly Dictionary<string, MemberRule> _memberRules;
    private readonly Dictionary<string, HashSet<string>> _compilerIntrinsics;

    internal SandboxPolicy(
        IEnumerable<string> allowedNamespaces,
        IEnumerable<string> allowedTypes,
        IReadOnlyDictionary<string, string> bannedNamespaces,
        IReadOnlyDictionary<string, string> bannedTypes,
        IReadOnlyDictionary<string, MemberRule> memberRules,
        IReadOnlyDictionary<string, string[]> compilerIntrinsics)
    {
        _allowedNamespaces = [.. allowedNamespaces];
        _allowedTypes = [.. allowedTypes];
        _bannedNamespaces = new(bannedNamespaces);
        _bannedTypes = new(bannedTypes);
        _memberRules = new(memberRules);
        _compilerIntrinsics = compilerIntrinsics.ToDictionary(p => p.Key, p => p.Value.ToHashSet());
    }

    /// <summary>The policy object code is held to.</summary>
    public static SandboxPolicy Default { get; } = SandboxPolicyDefaults.Create();

    /// <summary>Decides a type by namespace and (outermost) metadata name, e.g. <c>("System.IO", "File")</c>.</summary>
    public PolicyDecision CheckType(string? ns, string name)
    {
        ns ??= "";
        var full = ns.Length == 0 ? name : $"{ns}.{name}";
        if (_bannedTypes.TryGetValue(full, out var reason))
        {
            return PolicyDecision.Deny(reason);
        }

        if (_allowedTypes.Contains(full) || _allowedNamespaces.Contains(ns))
        {
            return PolicyDecision.Allow;
        }

        foreach (var (prefix, why) in _bannedNamespaces)
        {
            if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                return PolicyDecision.Deny(why);
            }
        }

        return PolicyDecision.Deny($"'{full}' is not on the sandbox permit-list");
    }

    /// <summary>Decides a member of a framework type (the type itself is checked separately).</summary>
    public PolicyDecision CheckMember(string? ns, string typeName, MemberUse member)
    {
        var full = string.IsNullOrEmpty(ns) ? typeName : $"{ns}.{typeName}";
        return _memberRules.TryGetValue(full, out var rule) && rule.Check(member) is { } reason
            ? PolicyDecision.Deny($"'{full}.{MemberRule.Normalize(member.Name)}': {reason}")
            : PolicyDecision.Allow;
    }

    /// <summary>
    /// Members the C# compiler itself emits for safe constructs (collection expressions, inline arrays, string
    /// interpolation) that source code may not name. The IL check accepts them; the semantic check never does.
    /// </summary>
    public bool IsCompilerIntrinsic(string? ns, string typeName, string memberName) =>
        _compilerIntrinsics.TryGetValue(string.IsNullOrEmpty(ns) ? typeName : $"{ns}.{typeName}", out var members)
        && members.Contains(memberName);

    /// <summary>
    /// Whether a type the policy bans may still be referenced in IL because the compiler emits some of its members
    /// (only those members are then accepted).
    /// </summary>
    public bool HasCompilerIntrinsics(string? ns, string typeName) =>
        _compilerIntrinsics.ContainsKey(string.IsNullOrEmpty(ns) ? typeName : $"{ns}.{typeName}");
}
