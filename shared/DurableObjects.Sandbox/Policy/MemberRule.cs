namespace DurableObjects.Sandbox.Policy;

/// <summary>A per-type rule over members, for types the policy permits only in part.</summary>
public abstract class MemberRule
{
    /// <summary>Decides one member use; <c>null</c> means "no objection".</summary>
    public abstract string? Check(MemberUse member);

    /// <summary>Only the named members are permitted.</summary>
    public static MemberRule Only(string reason, params string[] names) => new OnlyRule(reason, names);

    /// <summary>The named members are banned, each with the same reason.</summary>
    public static MemberRule Except(string reason, params string[] names) => new ExceptRule(reason, names);

    /// <summary>An arbitrary rule.</summary>
    public static MemberRule When(Func<MemberUse, string?> check) => new PredicateRule(check);

    /// <summary>Strips accessor prefixes so IL names (<c>get_Factory</c>) match source names (<c>Factory</c>).</summary>
    internal static string Normalize(string name)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["get_", "set_", "add_", "remove_"])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    private sealed class OnlyRule(string reason, string[] names) : MemberRule
    {
        private readonly HashSet<string> _names = [.. names];

        public override string? Check(MemberUse member) =>
            _names.Contains(member.Name) || _names.Contains(Normalize(member.Name)) ? null : reason;
    }

    private sealed class ExceptRule(string reason, string[] names) : MemberRule
    {
        private readonly HashSet<string> _names = [.. names];

        public override string? Check(MemberUse member) =>
            _names.Contains(member.Name) || _names.Contains(Normalize(member.Name)) ? reason : null;
    }

    private sealed class PredicateRule(Func<MemberUse, string?> check) : MemberRule
    {
        public override string? Check(MemberUse member) => check(member);
    }
}
