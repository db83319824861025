namespace DurableObjects.Shared.Domain;

/// <summary>
/// The deployment environments, in promotion order (section <c>DurableObjects:Environments</c>). A version is
/// deployed to one environment and promoted to the next; invocation and deploy default to <see cref="Default"/>.
/// </summary>
public sealed class EnvironmentOptions
{
    public const string Section = "DurableObjects:Environments";

    public List<string> Names { get; set; } = [];

    public string Default { get; set; } = "production";

    /// <summary>The configured names, or the seed's three when none are configured.</summary>
    public IReadOnlyList<string> Effective => Names.Count > 0 ? Names : ["development", "staging", "production"];

    public bool IsKnown(string environment) => Effective.Contains(environment, StringComparer.Ordinal);

    /// <summary>
    /// Null when <paramref name="environment"/> is known; otherwise the refusal (Invalid) naming <paramref name="field"/>,
    /// the request field that gave it, and listing the environments: the sentence for commands by SMS and Slack, the
    /// field for API clients.
    /// </summary>
    public OperationError? Check(string field, string environment)
    {
        if (IsKnown(environment))
        {
            return null;
        }
        var names = string.Join(", ", Effective);
        var shown = environment.Length > 40 ? environment[..40] + "…" : environment;
        return new OperationError(ErrorKind.Invalid, $"Unknown environment '{shown}'; the environments are {names}.",
            new Dictionary<string, string[]> { [field] = [$"One of {names}."] });
    }

    /// <summary>The environment after <paramref name="environment"/> in promotion order, or null for the last.</summary>
    public string? Next(string environment)
    {
        var index = Effective.ToList().IndexOf(environment);
        return index >= 0 && index + 1 < Effective.Count ? Effective[index + 1] : null;
    }
}
