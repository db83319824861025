using DurableObjects.AI.Configuration;
using DurableObjects.AI.Contracts;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DurableObjects.AI.Pipeline;

/// <summary>The plan step of a modification run: one structured call, input → <see cref="CodePlan"/>.</summary>
public sealed class CodePlanner
{
    private readonly StructuredOutputClient _client;

    /// <summary>Creates the step over a chat client (usually the planner-role client).</summary>
    public CodePlanner(IChatClient chatClient, ModelCallSettings? settings = null, ILogger<CodePlanner>? logger = null) =>
        _client = new StructuredOutputClient(chatClient, settings, logger);

    /// <summary>Plans a modification. Pure: the same inputs ask the same question; the result is for the journal.</summary>
    /// <exception cref="StructuredOutputException">No valid plan within the re-ask budget.</exception>
    public Task<StructuredResult<CodePlan>> PlanModificationAsync(
        string request,
        IReadOnlyList<SourceFile> currentFiles,
        ApiSchema? currentApi,
        UsageLedger? ledger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request);
        ArgumentNullException.ThrowIfNull(currentFiles);
        var messages = StepMessages.For(StepMessages.Texts(currentFiles).Append(request))
            .Text("REQUEST", "REQUEST", request)
            .Json("CURRENT PUBLIC API", "API", currentApi)
            .Files("CURRENT CODE", "CURRENT FILE", currentFiles)
            .Build(PipelinePrompts.PlanModification);
        return _client.AskAsync<CodePlan>("plan-modification", messages, ledger, cancellationToken);
    }
}
