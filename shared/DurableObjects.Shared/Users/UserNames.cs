using System.Text.RegularExpressions;

namespace DurableObjects.Shared.Users;

/// <summary>User names: a letter, then letters, digits, '.', '-' or '_', at most 64; stored lower case.</summary>
public static partial class UserNames
{
    [GeneratedRegex(@"^[a-z][a-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name.ToLowerInvariant());

    public const string Rule = "A user name starts with a letter and has 1 to 64 letters, digits, '.', '-' or '_'.";
}
