using System.Diagnostics.CodeAnalysis;

namespace DurableObjects.Channels.GitHub;

/// <summary>Parses "owner/name".</summary>
public static class GitHubRepositoryName
{
    /// <summary>Splits "owner/name" (a github.com URL is accepted too); false when it is not of that form.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out string? owner, [NotNullWhen(true)] out string? name)
    {
        owner = null;
        name = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
        {
            trimmed = uri.AbsolutePath;
        }

        var parts = trimmed.Trim('/').Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p.Any(char.IsWhiteSpace)))
        {
            return false;
        }

        owner = parts[0];
        name = parts[1].EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? parts[1][..^4] : parts[1];
        return true;
    }
}
