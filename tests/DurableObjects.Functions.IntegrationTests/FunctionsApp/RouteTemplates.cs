namespace DurableObjects.Functions.IntegrationTests.FunctionsApp;

/// <summary>
/// Compares route templates of the two modes: ASP.NET Core patterns (<c>/api/objects/{name}</c>, <c>{x?}</c>,
/// <c>{*rest}</c>, <c>{doc}.json</c>) and Functions routes (the same syntax without the leading slash). A template
/// "answers" another when a concrete path made from the other matches it.
/// </summary>
public static class RouteTemplates
{
    /// <summary>Concrete paths a template stands for: every parameter filled, optional trailing ones also left out.</summary>
    public static IEnumerable<string> Samples(string template)
    {
        var segments = Segments(template);
        var filled = new List<string>();
        foreach (var segment in segments)
        {
            if (segment.StartsWith("{*", StringComparison.Ordinal) || segment.EndsWith("?}", StringComparison.Ordinal))
            {
                yield return "/" + string.Join('/', filled);
            }
            filled.Add(segment.StartsWith('{') && segment.EndsWith('}') ? "sample" : FillComplex(segment));
        }
        yield return "/" + string.Join('/', filled);
    }

    /// <summary>True when <paramref name="path"/> (concrete) matches <paramref name="template"/>.</summary>
    public static bool Matches(string template, string path)
    {
        var pattern = Segments(template);
        var parts = Segments(path);
        for (var i = 0; i < pattern.Count; i++)
        {
            var segment = pattern[i];
            if (segment.StartsWith("{*", StringComparison.Ordinal))
            {
                return true;
            }
            if (i >= parts.Count)
            {
                return segment.EndsWith("?}", StringComparison.Ordinal) && i == pattern.Count - 1;
            }
            if (segment.StartsWith('{') && segment.EndsWith('}') && segment.IndexOf('}', StringComparison.Ordinal) == segment.Length - 1)
            {
                continue;
            }
            if (segment.Contains('{', StringComparison.Ordinal))
            {
                var suffix = segment[(segment.LastIndexOf('}') + 1)..];
                if (!parts[i].EndsWith(suffix, StringComparison.OrdinalIgnoreCase) || parts[i].Length <= suffix.Length)
                {
                    return false;
                }
                continue;
            }
            if (!segment.Equals(parts[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return parts.Count == pattern.Count;
    }

    /// <summary>True when <paramref name="template"/> answers every concrete path <paramref name="other"/> stands for.</summary>
    public static bool Answers(string template, string other) => Samples(other).All(sample => Matches(template, sample));

    private static List<string> Segments(string template) =>
        template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string FillComplex(string segment) =>
        segment.Contains('{', StringComparison.Ordinal) ? "v1" + segment[(segment.LastIndexOf('}') + 1)..] : segment;
}
