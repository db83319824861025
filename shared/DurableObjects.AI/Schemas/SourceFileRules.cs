namespace DurableObjects.AI.Schemas;

/// <summary>Validation of file lists proposed by a model.</summary>
internal static class SourceFileRules
{
    public static IEnumerable<string> Validate(string field, IReadOnlyList<SourceFile>? files, bool requireAtLeastOne)
    {
        if (files is null || files.Count == 0)
        {
            if (requireAtLeastOne)
            {
                yield return $"{field} must contain at least one file.";
            }

            yield break;
        }

        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (file is null)
            {
                yield return $"{field}[{i}] is null.";
                continue;
            }

            if (SourcePaths.Problem(file.Path) is { } problem)
            {
                yield return $"{field}[{i}]: {problem}.";
            }

            if (string.IsNullOrWhiteSpace(file.Content))
            {
                yield return $"{field}[{i}] ('{file.Path}') has empty content.";
            }
        }
    }

    public static IEnumerable<string> Duplicates(IEnumerable<SourceFile?> files) =>
        files.Where(f => f?.Path is not null)
            .GroupBy(f => f!.Path, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => $"path '{g.Key}' appears more than once.");
}
