using DurableObjects.AI.Configuration;
using DurableObjects.AI.Rewards;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DurableObjects.AI.Judges;

/// <summary>
/// Constraint judge: extracts constraints from the request, the original code and the API schema and checks each.
/// Code and request reach the model only as delimited data.
/// </summary>
public sealed class ConstraintChecker : IJudge
{
    private readonly StructuredOutputClient _client;

    /// <summary>Creates the judge over a chat client (usually the judge-role client).</summary>
    public ConstraintChecker(IChatClient chatClient, ModelCallSettings? settings = null, ILogger<ConstraintChecker>? logger = null) =>
        _client = new StructuredOutputClient(chatClient, settings, logger);

    /// <inheritdoc />
    public CheckKind Kind => CheckKind.Constraint;

    /// <inheritdoc />
    public string Name => "constraint";

    /// <inheritdoc />
    public async Task<JudgeVerdict> JudgeAsync(JudgeInput input, UsageLedger? ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var messages = JudgeMessages.Build(ConstraintCheckerPrompts.Task, input);
        var result = await _client.AskAsync<ConstraintCheck>("judge-constraint", messages, ledger, cancellationToken).ConfigureAwait(false);
        var answer = result.Value;
        return new JudgeVerdict
        {
            Name = Name,
            Kind = Kind,
            Score = answer.Score,
            Rationale = answer.Rationale,
            Issues = answer.Issues,
            Recommendations = answer.Recommendations,
            Details = answer.Constraints
                .Select(c => $"{(c.Satisfied ? "satisfied" : "VIOLATED")} [{c.Source}] {c.Constraint}: {c.Rationale}")
                .ToList(),
            Model = result.Model,
            InputTokens = result.InputTokens,
            OutputTokens = result.OutputTokens,
        };
    }
}
