using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DurableObjects.Shared.Domain;

/// <summary>Validation and hashing of the C# source files that make up a version.</summary>
public static partial class SourceFiles
{
    // Relative paths of C# files: segments of letters, digits, '.', '_' or '-'; no "..", no leading '/'.
    [GeneratedRegex(@"^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.cs\z", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();

    /// <summary>Every problem with a set of files, keyed like a validation error dictionary; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyDictionary<string, string>? files, ObjectLimitsOptions limits)
    {
        var errors = new Dictionary<string, string[]>();
        if (files is null || files.Count == 0)
        {
            errors["files"] = ["At least one C# source file is required."];
            return errors;
        }
        if (files.Count > limits.MaxFiles)
        {
            errors["files"] = [$"At most {limits.MaxFiles} files are allowed; got {files.Count}."];
        }
        foreach (var (path, content) in files)
        {
            if (!PathPattern().IsMatch(path ?? ""))
            {
                errors[$"files[{path}]"] = ["A file path is relative, ends in .cs and uses only letters, digits, '.', '_', '-' and '/'."];
            }
            else if (content is null)
            {
                errors[$"files[{path}]"] = ["File content is required."];
            }
            else if (Encoding.UTF8.GetByteCount(content) > limits.MaxFileBytes)
            {
                errors[$"files[{path}]"] = [$"A file may be at most {limits.MaxFileBytes} bytes."];
            }
        }
        var duplicates = files.Keys.GroupBy(p => p, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors["files"] = [$"File paths must be unique ignoring case: {string.Join(", ", duplicates)}."];
        }
        return errors;
    }

    /// <summary>SHA-256 (lower-case hex) of one file's UTF-8 content.</summary>
    public static string HashContent(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>
    /// The content hash of a whole version: SHA-256 over each path and its content hash, in ordinal path order,
    /// so the same files always give the same hash whatever order they were sent in.
    /// </summary>
    public static string HashVersion(IEnumerable<SourceFileRef> files)
    {
        var canonical = new StringBuilder();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            canonical.Append(file.Path).Append('\n').Append(file.Sha256).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>The stored references of a set of files, in ordinal path order.</summary>
    public static IReadOnlyList<SourceFileRef> ToRefs(IReadOnlyDictionary<string, string> files) =>
        files.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new SourceFileRef(f.Key, HashContent(f.Value), Encoding.UTF8.GetByteCount(f.Value)))
            .ToList();
}
