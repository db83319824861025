namespace DurableObjects.Sandbox.Testing;

/// <summary>How a candidate's tests differ from the kept tests: kept tests it changed or removed, and tests it added.</summary>
public sealed record KeptTestChanges(IReadOnlyList<string> Changed, IReadOnlyList<string> Removed, IReadOnlyList<string> Added)
{
    /// <summary>Changed and removed kept tests together.</summary>
    public IEnumerable<string> Touched => Changed.Concat(Removed);

    /// <summary>Compares the candidate's test class with the kept one (null: none).</summary>
    public static KeptTestChanges Compare(TestClassShape? kept, TestClassShape? candidate)
    {
        var keptTests = kept?.Tests ?? new Dictionary<string, string>();
        var candidateTests = candidate?.Tests ?? new Dictionary<string, string>();
        var sameClass = kept is null || candidate is null || kept.ClassName == candidate.ClassName;
        var changed = keptTests.Where(t => sameClass && candidateTests.TryGetValue(t.Key, out var now) && now != t.Value)
            .Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        var removed = keptTests.Keys.Where(t => !sameClass || !candidateTests.ContainsKey(t)).Order(StringComparer.Ordinal).ToList();
        var added = candidateTests.Keys.Where(t => !keptTests.ContainsKey(t)).Order(StringComparer.Ordinal).ToList();
        return new KeptTestChanges(changed, removed, added);
    }
}
