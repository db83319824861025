using DurableObjects.AI.Configuration;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DurableObjects.AI.Pipeline;

/// <summary>The generate step of a creation run: creation plan (+ feedback) → <see cref="CodeCandidate"/>.</summary>
public sealed class CreationGenerator
{
    private readonly StructuredOutputClient _client;

    /// <summary>Creates the step over a chat client (usually the generator-role client).</summary>
    public CreationGenerator(IChatClient chatClient, ModelCallSettings? settings = null, ILogger<CreationGenerator>? logger = null) =>
        _client = new StructuredOutputClient(chatClient, settings, logger);

    /// <summary>Generates the first version's files and tests.</summary>
    /// <exception cref="StructuredOutputException">No valid candidate within the re-ask budget.</exception>
    public Task<StructuredResult<CodeCandidate>> GenerateAsync(
        string requirements,
        CreationPlan plan,
        string? feedback = null,
        UsageLedger? ledger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requirements);
        ArgumentNullException.ThrowIfNull(plan);
        var messages = StepMessages.For([requirements, feedback])
            .Text("REQUIREMENTS", "REQUIREMENTS", requirements)
            .Json("PLAN", "PLAN", plan);
        if (!string.IsNullOrWhiteSpace(feedback))
        {
            messages.Text("FEEDBACK ON THE PREVIOUS ATTEMPT", "FEEDBACK", feedback);
        }

        return _client.AskAsync<CodeCandidate>("generate-creation", messages.Build(PipelinePrompts.GenerateCreation), ledger, cancellationToken);
    }
}
