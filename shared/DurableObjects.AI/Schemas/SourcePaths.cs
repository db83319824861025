namespace DurableObjects.AI.Schemas;

/// <summary>
/// Rules for file paths proposed by a model: relative, forward slashes, no <c>..</c>, letters, digits, <c>_ - .</c>
/// and <c>/</c> only, ending in <c>.cs</c>. Paths are data from an untrusted model; the storage layer must still
/// treat them as keys, never as host file-system paths.
/// </summary>
public static class SourcePaths
{
    /// <summary>Longest accepted path.</summary>
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="path"/> is not acceptable, or null when it is.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "a file path is empty";
        }

        if (path.Length > MaxLength)
        {
            return $"path '{Shorten(path)}' is longer than {MaxLength} characters";
        }

        if (path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal))
        {
            return $"path '{path}' must be relative and use forward slashes";
        }

        if (!path.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/'))
        {
            return $"path '{path}' may contain only letters, digits, '_', '-', '.' and '/'";
        }

        if (path.Split('/').Any(segment => segment.Length == 0 || segment == "." || segment == ".." || segment.StartsWith('.')))
        {
            return $"path '{path}' must not contain empty, '.', '..' or hidden segments";
        }

        return path.EndsWith(".cs", StringComparison.Ordinal) ? null : $"path '{path}' must end with .cs";
    }

    private static string Shorten(string path) => path.Length <= 40 ? path : path[..40] + "…";
}
