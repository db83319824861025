using System.Security.Cryptography;
using System.Text;

namespace DurableObjects.Cli.Files;

/// <summary>
/// An object's files in a local folder: every <c>*.cs</c> below it (paths with <c>/</c>, as the API names them),
/// skipping hidden folders and build output. Writing refuses any path that would land outside the folder.
/// </summary>
public static class WorkingCopy
{
    private static readonly string[] Skipped = ["bin", "obj", "node_modules"];

    public static SortedDictionary<string, string> Read(string directory)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            throw CliException.Usage($"No folder {directory}");
        }
        foreach (var path in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
            var folders = relative.Split('/')[..^1];
            if (folders.Any(f => f.StartsWith('.') || Skipped.Contains(f, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }
            files[relative] = File.ReadAllText(path);
        }
        return files;
    }

    /// <summary>Writes <paramref name="files"/> and deletes <paramref name="removed"/> (files an older pull wrote that the version no longer has).</summary>
    public static void Write(string directory, IReadOnlyDictionary<string, string> files, IEnumerable<string> removed)
    {
        Directory.CreateDirectory(directory);
        foreach (var path in removed.Where(p => !files.ContainsKey(p)))
        {
            var target = Inside(directory, path);
            if (File.Exists(target))
            {
                File.Delete(target);
            }
        }
        foreach (var (path, content) in files)
        {
            var target = Inside(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    /// <summary>SHA-256 of the UTF-8 text, lowercase hex: what the manifest records per file.</summary>
    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static SortedDictionary<string, string> Hashes(IReadOnlyDictionary<string, string> files) =>
        new(files.ToDictionary(f => f.Key, f => Hash(f.Value)), StringComparer.Ordinal);

    private static string Inside(string directory, string path)
    {
        var root = Path.GetFullPath(directory);
        var target = Path.GetFullPath(Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar)));
        if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw CliException.Refused($"Refusing to write '{path}'", "The path would land outside the folder.");
        }
        return target;
    }
}
