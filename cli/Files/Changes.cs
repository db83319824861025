namespace DurableObjects.Cli.Files;

/// <summary>How a folder differs from the version it was pulled at, by content hash.</summary>
public sealed record Changes(IReadOnlyList<string> Added, IReadOnlyList<string> Modified, IReadOnlyList<string> Deleted)
{
    public bool Any => Added.Count + Modified.Count + Deleted.Count > 0;

    public static Changes Between(IReadOnlyDictionary<string, string> pulledHashes, IReadOnlyDictionary<string, string> files)
    {
        var hashes = WorkingCopy.Hashes(files);
        return new Changes(
            [.. hashes.Keys.Where(p => !pulledHashes.ContainsKey(p))],
            [.. hashes.Where(f => pulledHashes.TryGetValue(f.Key, out var h) && h != f.Value).Select(f => f.Key)],
            [.. pulledHashes.Keys.Where(p => !hashes.ContainsKey(p))]);
    }

    /// <summary>A default run summary: "Edit Calculator.cs; add Tests/CalculatorTests.cs".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Modified.Count > 0) parts.Add("edit " + string.Join(", ", Modified));
        if (Added.Count > 0) parts.Add("add " + string.Join(", ", Added));
        if (Deleted.Count > 0) parts.Add("delete " + string.Join(", ", Deleted));
        var text = string.Join("; ", parts);
        return text.Length == 0 ? "No changes" : char.ToUpperInvariant(text[0]) + text[1..];
    }

    public IEnumerable<string> Lines() =>
        Modified.Select(p => "  modified: " + p).Concat(Added.Select(p => "  added:    " + p)).Concat(Deleted.Select(p => "  deleted:  " + p));
}
