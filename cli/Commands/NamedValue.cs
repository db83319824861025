namespace DurableObjects.Cli.Commands;

/// <summary>One <c>name=value</c> option value (<c>--arg a=1</c>, <c>--when reason=timeout</c>): split at the first '='.</summary>
internal static class NamedValue
{
    /// <summary>The name and value of <paramref name="pair"/>; a usage error naming <paramref name="kind"/> when it has no name or no '='.</summary>
    public static (string Name, string Value) Split(string pair, string kind, string example)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals < 1)
        {
            throw CliException.Usage($"Not a {kind}: '{pair}'", example);
        }
        return (pair[..equals], pair[(equals + 1)..]);
    }
}
