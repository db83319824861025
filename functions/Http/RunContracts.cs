using DurableObjects.Orchestrations.Runs.Budget;
using DurableObjects.Orchestrations.Runs;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Body of <c>POST /api/objects/{name}/modifications</c>: either a plain-language <c>prompt</c> (needs a model) or
/// supplied <c>files</c> with a <c>summary</c> (a manual modification: same gates, judges skipped visibly without a model).
/// </summary>
public sealed record ModificationRequestBody(
    string? Prompt, Dictionary<string, string>? Files, string? Summary, bool? RequireApproval, bool? Deploy, RunNotification? Notify,
    RunBudget? Budget = null);

/// <summary>Body of <c>POST /api/objects/from-scratch</c>.</summary>
public sealed record CreationRequestBody(string? Name, string? Description, string? Requirements, bool? RequireApproval, RunNotification? Notify, RunBudget? Budget = null);

/// <summary>Body of <c>POST /api/runs/{id}/approve</c> and <c>/reject</c>.</summary>
public sealed record RunDecisionBody(string? Comment);

/// <summary>A started run: its id and where to read it (also the <c>Location</c> header).</summary>
public sealed record RunTicketResponse(string RunId, string ObjectName, string StatusUrl, string EventsUrl);

/// <summary>Runs, newest first.</summary>
public sealed record RunListResponse(IReadOnlyList<RunSummaryResponse> Items);
