using System.Security.Cryptography;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// Copies the runner's files (every file in the configured runner's folder: the runner, and the runtime a self-contained
/// runner carries) into
/// <c>{root}/{sha256 of their contents}/</c>: a directory owned by root, mode 0755, files 0644, on a path whose every
/// directory only root can write. The runners' users can then read and execute the runner wherever the project is checked
/// out (a mode-700 home directory included) but can never change it — not even from inside a runner.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class RunnerStaging
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Stages the runner and returns the staged path of its dll. Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when the staging root cannot be made safe.</summary>
    public static string Stage(string runnerDll, string root)
    {
        var source = Path.GetDirectoryName(Path.GetFullPath(runnerDll))!;
        var files = Directory.GetFiles(source).Order(StringComparer.Ordinal).ToArray();
        var hash = Hash(files);
        EnsureSafeDirectory(root);
        var target = Path.Combine(root, hash);
        var staged = Path.Combine(target, Path.GetFileName(runnerDll));
        if (Directory.Exists(target) && IsIntact(target, files, hash))
        {
            return staged;
        }

        // Copy into a private temporary directory, then rename: a concurrent host staging the same hash, or a crash
        // half-way, never leaves a partial runner under the final name.
        var temporary = Path.Combine(root, $".{hash}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        File.SetUnixFileMode(temporary, DirectoryMode);
        foreach (var file in files)
        {
            var copy = Path.Combine(temporary, Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, FileMode);
        }
        try
        {
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true); // not intact: replaced
            }
            Directory.Move(temporary, target);
        }
        catch (IOException) when (Directory.Exists(target) && IsIntact(target, files, hash))
        {
            Directory.Delete(temporary, recursive: true); // another host staged the same runner first
        }
        return staged;
    }

    /// <summary>Creates <paramref name="directory"/> (0755) and checks that it and every parent is owned by root and
    /// writable by nobody else (a sticky, world-writable parent such as /tmp is refused: another user could have made
    /// the directory first).</summary>
    private static void EnsureSafeDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            var parent = Path.GetDirectoryName(full);
            if (parent is not null)
            {
                EnsureSafeDirectory(parent);
            }
            Directory.CreateDirectory(full);
            File.SetUnixFileMode(full, DirectoryMode);
        }
        for (var current = new DirectoryInfo(full); current is not null; current = current.Parent)
        {
            if (OwnerOf(current.FullName) != "0" || (current.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                throw new UnauthorizedAccessException(
                    $"The runner staging directory '{full}' is not safe: '{current.FullName}' is not owned by root or is writable by others.");
            }
        }
    }

    /// <summary>The owner's uid (.NET has no API for it; <c>stat</c> is coreutils, present wherever setpriv is).</summary>
    private static string OwnerOf(string path)
    {
        var info = new System.Diagnostics.ProcessStartInfo("stat") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (ReadOnlySpan<string>)["-c", "%u", "--", path])
        {
            info.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(info)!;
        var owner = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? owner : "";
    }

    private static bool IsIntact(string target, string[] files, string hash) =>
        Directory.GetFiles(target).Length == files.Length &&
        files.All(f => File.Exists(Path.Combine(target, Path.GetFileName(f)))) &&
        Hash(files.Select(f => Path.Combine(target, Path.GetFileName(f))).ToArray()) == hash;

    private static string Hash(string[] files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var file in files)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            using var stream = File.OpenRead(file);
            for (int read; (read = stream.Read(buffer)) > 0;)
            {
                sha.AppendData(buffer, 0, read);
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
