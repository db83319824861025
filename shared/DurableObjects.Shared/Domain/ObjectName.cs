using System.Text.RegularExpressions;

namespace DurableObjects.Shared.Domain;

/// <summary>
/// Object names are URL-safe identifiers: a letter, then letters, digits, '-' or '_', at most 64 characters.
/// Names keep the casing their creator chose for display, but are unique ignoring case: "Calculator" and
/// "calculator" are the same object, so an SMS that says "modify calculator" finds it.
/// </summary>
public static partial class ObjectName
{
    public const int MaxLength = 64;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The storage and grain key of a name: its lower-case form.</summary>
    public static string ToKey(string name) => name.ToLowerInvariant();

    public const string Rule =
        "An object name starts with a letter and has 1 to 64 letters, digits, '-' or '_'.";
}
