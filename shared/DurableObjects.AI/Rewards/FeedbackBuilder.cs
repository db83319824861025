using System.Globalization;
using System.Text;

namespace DurableObjects.AI.Rewards;

/// <summary>
/// Turns failed gates and judge findings into feedback text for the generator's next attempt. Diagnostics are capped
/// so one broken build cannot flood the next prompt.
/// </summary>
internal static class FeedbackBuilder
{
    private const int MaxDiagnosticsPerGate = 20;
    private const int MaxLineLength = 500;

    public static string Build(IReadOnlyList<GateResult> gates, IReadOnlyList<JudgeVerdict> verdicts, RewardThresholds thresholds)
    {
        var text = new StringBuilder();
        foreach (var gate in gates.Where(g => !g.Passed))
        {
            text.Append(CultureInfo.InvariantCulture, $"- Gate '{gate.Name}' failed: {Cap(gate.Details)}\n");
            foreach (var diagnostic in gate.Diagnostics.Take(MaxDiagnosticsPerGate))
            {
                text.Append(CultureInfo.InvariantCulture, $"    * {Cap(diagnostic)}\n");
            }

            if (gate.Diagnostics.Count > MaxDiagnosticsPerGate)
            {
                text.Append(CultureInfo.InvariantCulture, $"    * … and {gate.Diagnostics.Count - MaxDiagnosticsPerGate} more\n");
            }
        }

        foreach (var verdict in verdicts.Where(v => !Meets(v, thresholds)))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"- {verdict.Name} scored {verdict.Score:0.00}, below the threshold {thresholds.For(verdict.Kind):0.00}: {Cap(verdict.Error ?? verdict.Rationale)}\n");
            AppendList(text, "Issue", verdict.Issues);
            AppendList(text, "Recommendation", verdict.Recommendations);
        }

        var suggestions = verdicts.Where(v => Meets(v, thresholds)).SelectMany(v => v.Recommendations).Take(10).ToList();
        if (suggestions.Count > 0)
        {
            text.Append("Also consider:\n");
            AppendList(text, "Suggestion", suggestions);
        }

        return text.Length == 0 ? string.Empty : "The previous candidate was rejected. Fix every point below.\n" + text;
    }

    public static bool Meets(JudgeVerdict verdict, RewardThresholds thresholds) =>
        verdict.Error is null && verdict.Score >= thresholds.For(verdict.Kind);

    private static void AppendList(StringBuilder text, string label, IEnumerable<string> items)
    {
        foreach (var item in items.Where(i => !string.IsNullOrWhiteSpace(i)))
        {
            text.Append(CultureInfo.InvariantCulture, $"    * {label}: {Cap(item)}\n");
        }
    }

    private static string Cap(string value)
    {
        var line = value.ReplaceLineEndings(" ");
        return line.Length <= MaxLineLength ? line : line[..MaxLineLength] + "…";
    }
}
