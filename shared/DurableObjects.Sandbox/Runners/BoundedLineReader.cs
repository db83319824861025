using System.Text;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// Reads text a runner writes (its stderr) line by line, keeping at most <c>maxLineChars</c> of each line and
/// discarding the rest as it arrives. The runner is untrusted: a line-based reader (<c>ErrorDataReceived</c>) holds a
/// whole line in the host's memory, and object code can make the runtime print one of hundreds of megabytes (an
/// unhandled exception with a huge message).
/// </summary>
internal static class BoundedLineReader
{
    /// <summary>Reads <paramref name="reader"/> to its end, calling <paramref name="onLine"/> with each (cut) line.</summary>
    public static async Task ReadAsync(TextReader reader, int maxLineChars, Action<string> onLine)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(onLine);
        var buffer = new char[4096];
        var line = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
        {
            foreach (var c in buffer.AsSpan(0, read))
            {
                if (c == '\n')
                {
                    onLine(Complete(line));
                }
                else if (line.Length < maxLineChars)
                {
                    line.Append(c);
                }
            }
        }

        if (line.Length > 0)
        {
            onLine(Complete(line));
        }
    }

    private static string Complete(StringBuilder line)
    {
        var text = line.Length > 0 && line[^1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();
        line.Clear();
        return text;
    }
}
