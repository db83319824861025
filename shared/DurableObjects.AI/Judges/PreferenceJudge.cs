using System.Globalization;
using DurableObjects.AI.Configuration;
using DurableObjects.AI.Metrics;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DurableObjects.AI.Judges;

/// <summary>
/// Human-preference judge (readability, maintainability, elegance, documentation), informed by measured
/// <see cref="CodeMetrics"/>. Code and request reach the model only as delimited data.
/// </summary>
public sealed class PreferenceJudge : IJudge
{
    private readonly StructuredOutputClient _client;

    /// <summary>Creates the judge over a chat client (usually the judge-role client).</summary>
    public PreferenceJudge(IChatClient chatClient, ModelCallSettings? settings = null, ILogger<PreferenceJudge>? logger = null) =>
        _client = new StructuredOutputClient(chatClient, settings, logger);

    /// <inheritdoc />
    public CheckKind Kind => CheckKind.Preference;

    /// <inheritdoc />
    public string Name => "preference";

    /// <inheritdoc />
    public async Task<JudgeVerdict> JudgeAsync(JudgeInput input, UsageLedger? ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var metrics = input.CandidateMetrics ?? CodeMetricsCalculator.Measure(input.Candidate.Files);
        var messages = JudgeMessages.Build(PreferenceJudgePrompts.Task, input, PreferenceJudgePrompts.Facts(metrics));
        var result = await _client.AskAsync<PreferenceEvaluation>("judge-preference", messages, ledger, cancellationToken).ConfigureAwait(false);
        var answer = result.Value;
        return new JudgeVerdict
        {
            Name = Name,
            Kind = Kind,
            Score = answer.OverallScore,
            Rationale = answer.Rationale,
            Issues = answer.Issues,
            Recommendations = answer.Recommendations,
            Details =
            [
                string.Create(CultureInfo.InvariantCulture, $"readability {answer.Readability:0.00}"),
                string.Create(CultureInfo.InvariantCulture, $"maintainability {answer.Maintainability:0.00}"),
                string.Create(CultureInfo.InvariantCulture, $"elegance {answer.Elegance:0.00}"),
                string.Create(CultureInfo.InvariantCulture, $"documentation {answer.Documentation:0.00}"),
            ],
            Model = result.Model,
            InputTokens = result.InputTokens,
            OutputTokens = result.OutputTokens,
        };
    }
}
