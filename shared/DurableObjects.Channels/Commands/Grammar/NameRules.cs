namespace DurableObjects.Channels.Commands.Grammar;

/// <summary>What an object name may look like in a command: a letter, then letters, digits, '_', '-' or '.'; at most 64 characters.</summary>
public static class NameRules
{
    /// <summary>True for a well-formed name.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= 64
        && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
