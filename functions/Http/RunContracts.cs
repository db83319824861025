using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using DurableObjects.Orchestrations.Runs.Budget;
using DurableObjects.Orchestrations.Runs;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Body of <c>POST /api/objects/{name}/modifications</c>: either a plain-language <c>prompt</c> (needs a model) or
/// supplied <c>files</c> with a <c>summary</c> (a manual modification: same gates, judges skipped visibly without a model).
/// <paramref name="BaseVersion"/> (optional, 1 or more): the version the change was made from, as on
/// <c>POST /api/objects/{name}/versions</c>: 409 naming both versions when a new version no longer follows it, and the
/// run commits only on top of it (it fails saying so when the object moves before its context loads or its commit).
/// A body with neither <c>prompt</c> nor <c>files</c> is refused (400 naming <c>prompt</c>).
/// </summary>
[RequiresAnyOf(nameof(Prompt), nameof(Files))]
public sealed record ModificationRequestBody(
    string? Prompt, Dictionary<string, string>? Files, string? Summary, bool? RequireApproval, bool? Deploy, RunNotification? Notify,
    RunBudget? Budget = null,
    [property: Description("The version this change was made from (e.g. the one you pulled). When given and a new version would no longer follow it - a version was added since, or the object was rolled back - the answer is 409 naming both versions and no run starts; a run whose object moves later fails without committing. Leave it out to change whatever is current when the run loads its context.")]
    int? BaseVersion = null);

/// <summary>Body of <c>POST /api/objects/from-scratch</c>.</summary>
public sealed record CreationRequestBody(
    [property: Required] string? Name, string? Description, [property: Required] string? Requirements, bool? RequireApproval, RunNotification? Notify, RunBudget? Budget = null);

/// <summary>Body of <c>POST /api/runs/{id}/approve</c> and <c>/reject</c>.</summary>
public sealed record RunDecisionBody(string? Comment);

/// <summary>A started run: its id and where to read it (also the <c>Location</c> header).</summary>
public sealed record RunTicketResponse(string RunId, string ObjectName, string StatusUrl, string EventsUrl);

/// <summary>Runs, newest first.</summary>
public sealed record RunListResponse(IReadOnlyList<RunSummaryResponse> Items);
