using DurableObjects.AI.Configuration;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DurableObjects.AI.Pipeline;

/// <summary>The generate step of a modification run: one structured call, plan (+ feedback) → <see cref="CodeCandidate"/>.</summary>
public sealed class CodeGenerator
{
    private readonly StructuredOutputClient _client;

    /// <summary>Creates the step over a chat client (usually the generator-role client).</summary>
    public CodeGenerator(IChatClient chatClient, ModelCallSettings? settings = null, ILogger<CodeGenerator>? logger = null) =>
        _client = new StructuredOutputClient(chatClient, settings, logger);

    /// <summary>
    /// Generates a candidate. <paramref name="feedback"/> is <see cref="Rewards.Evaluation.Feedback"/> of the previous
    /// iteration (null on the first). The result is validated for shape only; gates decide correctness.
    /// </summary>
    /// <exception cref="StructuredOutputException">No valid candidate within the re-ask budget.</exception>
    public Task<StructuredResult<CodeCandidate>> GenerateAsync(
        string request,
        CodePlan plan,
        IReadOnlyList<SourceFile> currentFiles,
        string? feedback = null,
        UsageLedger? ledger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(currentFiles);
        var messages = StepMessages.For(StepMessages.Texts(currentFiles).Append(request).Append(feedback))
            .Text("REQUEST", "REQUEST", request)
            .Json("PLAN", "PLAN", plan)
            .Files("CURRENT CODE", "CURRENT FILE", currentFiles);
        if (!string.IsNullOrWhiteSpace(feedback))
        {
            messages.Text("FEEDBACK ON THE PREVIOUS ATTEMPT", "FEEDBACK", feedback);
        }

        return _client.AskAsync<CodeCandidate>("generate", messages.Build(PipelinePrompts.Generate), ledger, cancellationToken);
    }
}
