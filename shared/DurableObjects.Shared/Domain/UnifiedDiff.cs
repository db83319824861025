using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace DurableObjects.Shared.Domain;

/// <summary>
/// A unified diff (the format of <c>diff -u</c> and <c>git diff</c>) between two sets of files, three lines of
/// context, files in ordinal path order. Added and removed files diff against <c>/dev/null</c>.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    public static string Between(IReadOnlyDictionary<string, string> from, IReadOnlyDictionary<string, string> to, string fromLabel = "a", string toLabel = "b")
    {
        var output = new StringBuilder();
        var differ = new Differ();
        foreach (var path in from.Keys.Union(to.Keys).Order(StringComparer.Ordinal))
        {
            var oldText = from.GetValueOrDefault(path);
            var newText = to.GetValueOrDefault(path);
            if (oldText == newText)
            {
                continue;
            }
            var result = differ.CreateLineDiffs(Normalize(oldText), Normalize(newText), ignoreWhitespace: false);
            output.Append("--- ").Append(oldText is null ? "/dev/null" : $"{fromLabel}/{path}").Append('\n');
            output.Append("+++ ").Append(newText is null ? "/dev/null" : $"{toLabel}/{path}").Append('\n');
            AppendHunks(output, result, result.PiecesOld, result.PiecesNew);
        }
        return output.ToString();
    }

    // Lines end in '\n'; the final one's terminator is not a line of its own.
    private static string Normalize(string? text)
    {
        var normalized = text is null ? "" : text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return normalized.EndsWith('\n') ? normalized[..^1] : normalized;
    }

    private static void AppendHunks(StringBuilder output, DiffResult result, IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        var blocks = result.DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            // Merge blocks whose unchanged gap is small enough that their contexts would touch.
            var j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * Context)
            {
                j++;
            }
            AppendHunk(output, blocks, i, j, oldLines, newLines);
            i = j + 1;
        }
    }

    private static void AppendHunk(StringBuilder output, IList<DiffBlock> blocks, int first, int last, IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        var startA = Math.Max(0, blocks[first].DeleteStartA - Context);
        var endA = Math.Min(oldLines.Count, blocks[last].DeleteStartA + blocks[last].DeleteCountA + Context);
        var startB = blocks[first].InsertStartB - (blocks[first].DeleteStartA - startA);
        var body = new StringBuilder();
        var countA = 0;
        var countB = 0;
        var cursor = startA;
        for (var k = first; k <= last; k++)
        {
            var block = blocks[k];
            for (; cursor < block.DeleteStartA; cursor++, countA++, countB++)
            {
                body.Append(' ').Append(oldLines[cursor]).Append('\n');
            }
            for (var d = 0; d < block.DeleteCountA; d++, countA++)
            {
                body.Append('-').Append(oldLines[block.DeleteStartA + d]).Append('\n');
            }
            for (var n = 0; n < block.InsertCountB; n++, countB++)
            {
                body.Append('+').Append(newLines[block.InsertStartB + n]).Append('\n');
            }
            cursor = block.DeleteStartA + block.DeleteCountA;
        }
        for (; cursor < endA; cursor++, countA++, countB++)
        {
            body.Append(' ').Append(oldLines[cursor]).Append('\n');
        }
        output.Append("@@ -").Append(RangeText(startA, countA)).Append(" +").Append(RangeText(startB, countB)).Append(" @@\n").Append(body);
    }

    // Unified-diff ranges are 1-based; an empty range names the line before it.
    private static string RangeText(int start, int count) => count == 0 ? $"{start},0" : $"{start + 1},{count}";
}
