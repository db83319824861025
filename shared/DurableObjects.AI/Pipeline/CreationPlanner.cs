using DurableObjects.AI.Configuration;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DurableObjects.AI.Pipeline;

/// <summary>The plan step of a creation run: name, description, requirements → <see cref="CreationPlan"/>.</summary>
public sealed class CreationPlanner
{
    private readonly StructuredOutputClient _client;

    /// <summary>Creates the step over a chat client (usually the planner-role client).</summary>
    public CreationPlanner(IChatClient chatClient, ModelCallSettings? settings = null, ILogger<CreationPlanner>? logger = null) =>
        _client = new StructuredOutputClient(chatClient, settings, logger);

    /// <summary>Plans a new object.</summary>
    /// <exception cref="StructuredOutputException">No valid plan within the re-ask budget.</exception>
    public Task<StructuredResult<CreationPlan>> PlanCreationAsync(
        string name, string description, string requirements, UsageLedger? ledger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(requirements);
        var messages = StepMessages.For([name, description, requirements])
            .Text("OBJECT NAME", "NAME", name)
            .Text("DESCRIPTION", "DESCRIPTION", description)
            .Text("REQUIREMENTS", "REQUIREMENTS", requirements)
            .Build(PipelinePrompts.PlanCreation);
        return _client.AskAsync<CreationPlan>("plan-creation", messages, ledger, cancellationToken);
    }
}
