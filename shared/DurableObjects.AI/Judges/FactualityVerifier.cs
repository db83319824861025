using DurableObjects.AI.Configuration;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DurableObjects.AI.Judges;

/// <summary>
/// Factuality judge: algorithms, maths, domain facts and comments. Proposed executable checks are listed in
/// <see cref="JudgeVerdict.Details"/> (prefixed <c>check:</c>) for a reviewer to read; they are untrusted model output
/// and are not executed (the executed evidence is the gates': kept tests, the candidate's tests and its mutants).
/// </summary>
public sealed class FactualityVerifier : IJudge
{
    private readonly StructuredOutputClient _client;

    /// <summary>Creates the judge over a chat client (usually the judge-role client).</summary>
    public FactualityVerifier(IChatClient chatClient, ModelCallSettings? settings = null, ILogger<FactualityVerifier>? logger = null) =>
        _client = new StructuredOutputClient(chatClient, settings, logger);

    /// <inheritdoc />
    public CheckKind Kind => CheckKind.Factuality;

    /// <inheritdoc />
    public string Name => "factuality";

    /// <summary>The last proposed checks are also available in structured form from <see cref="VerifyAsync"/>.</summary>
    public async Task<JudgeVerdict> JudgeAsync(JudgeInput input, UsageLedger? ledger, CancellationToken cancellationToken)
    {
        var (verdict, _) = await VerifyAsync(input, ledger, cancellationToken).ConfigureAwait(false);
        return verdict;
    }

    /// <summary>Judges and also returns the full structured answer, including executable checks.</summary>
    public async Task<(JudgeVerdict Verdict, FactualityCheck Check)> VerifyAsync(
        JudgeInput input, UsageLedger? ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var messages = JudgeMessages.Build(FactualityVerifierPrompts.Task, input);
        var result = await _client.AskAsync<FactualityCheck>("judge-factuality", messages, ledger, cancellationToken).ConfigureAwait(false);
        var answer = result.Value;
        var verdict = new JudgeVerdict
        {
            Name = Name,
            Kind = Kind,
            Score = answer.Score,
            Rationale = answer.Rationale,
            Issues = answer.Issues,
            Recommendations = answer.Recommendations,
            Details = answer.Claims.Select(c => $"{(c.Verified ? "verified" : "WRONG")} {c.Claim}: {c.Rationale}")
                .Concat(answer.ExecutableChecks.Select(c => $"check: {c.Expression} == {c.Expected} ({c.Description})"))
                .ToList(),
            Model = result.Model,
            InputTokens = result.InputTokens,
            OutputTokens = result.OutputTokens,
        };
        return (verdict, answer);
    }
}
