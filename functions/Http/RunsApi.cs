using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Runs;
using DurableObjects.Shared.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Pipeline runs: start a modification (prompt or supplied code) or a creation from scratch (202 + the run's URL),
/// read a run, list runs, stream a run's progress as server-sent events, approve, reject, cancel.
/// </summary>
public static class RunsApi
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder routes)
    {
        var objects = routes.MapGroup("/api/objects").WithTags("Runs").RequireAuthorization(AuthPolicies.Write);
        objects.MapPost("/{name}/modifications", ModifyAsync).WithSummary("Start a modification run: {prompt} (needs a model) or {files, summary}.");
        objects.MapPost("/from-scratch", CreateAsync).WithSummary("Start a creation run: {name, description, requirements}.");

        var runs = routes.MapGroup("/api/runs").WithTags("Runs").RequireAuthorization(AuthPolicies.Read);
        runs.MapGet("/", ListAsync).WithSummary("List runs, newest first (?object=name&limit=50).");
        runs.MapGet("/{id}", GetAsync).WithSummary("A run: status, steps with timings, iterations with gates and scores, usage.");
        runs.MapGet("/{id}/events", Events).WithSummary("The run's progress as server-sent events (step, status, end).");
        runs.MapPost("/{id}/approve", (string id, RunDecisionBody? body, IRunLauncher launcher, HttpContext http) => DecideAsync(id, true, body, launcher, http))
            .RequireAuthorization(AuthPolicies.Write).WithSummary("Approve a run waiting for approval.");
        runs.MapPost("/{id}/reject", (string id, RunDecisionBody? body, IRunLauncher launcher, HttpContext http) => DecideAsync(id, false, body, launcher, http))
            .RequireAuthorization(AuthPolicies.Write).WithSummary("Reject a run waiting for approval.");
        runs.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization(AuthPolicies.Write).WithSummary("Cancel an unfinished run.");
        routes.MapRunPolicyApi();
        return routes;
    }

    private static async Task<Results<Accepted<RunTicketResponse>, ProblemHttpResult>> ModifyAsync(
        string name, ModificationRequestBody body, RunLauncher launcher, HttpContext http)
    {
        var manual = body.Files is { Count: > 0 };
        var request = new RunRequest
        {
            Kind = RunKind.Modification,
            ObjectName = name,
            Actor = http.User.ToActor(),
            Prompt = manual ? null : body.Prompt,
            Files = manual ? body.Files : null,
            Summary = body.Summary,
            RequireApproval = body.RequireApproval,
            Deploy = body.Deploy,
            Notify = body.Notify,
            Budget = body.Budget,
            BaseVersion = body.BaseVersion,
        };
        // Bad input is answered as such first: a missing model is not the problem of a request that could never run.
        if (launcher.CheckInput(request) is { } invalid)
        {
            return Problems.From(invalid);
        }
        if (!manual && !string.IsNullOrWhiteSpace(body.Prompt) && launcher.NoModel() is { } noModel)
        {
            return await NoModelAsync(launcher, request, noModel);
        }
        return Ticket(await launcher.StartAsync(request, http.GetRequestOperation()));
    }

    private static async Task<Results<Accepted<RunTicketResponse>, ProblemHttpResult>> CreateAsync(
        CreationRequestBody body, RunLauncher launcher, HttpContext http)
    {
        var request = new RunRequest
        {
            Kind = RunKind.Creation,
            ObjectName = body.Name ?? "",
            Actor = http.User.ToActor(),
            Description = body.Description,
            Requirements = body.Requirements,
            RequireApproval = body.RequireApproval,
            Notify = body.Notify,
            Budget = body.Budget,
        };
        if (launcher.CheckInput(request) is { } invalid)
        {
            return Problems.From(invalid);
        }
        if (launcher.NoModel() is { } noModel)
        {
            return await NoModelAsync(launcher, request, noModel);
        }
        return Ticket(await launcher.StartAsync(request, http.GetRequestOperation()));
    }

    private static async Task<Results<Ok<RunDetailsResponse>, ProblemHttpResult>> GetAsync(string id, RunReadModel runs, CancellationToken cancellationToken) =>
        await runs.GetAsync(id, cancellationToken) is { } run ? TypedResults.Ok(RunResponses.Full(run)) : Problems.NotFound($"No run with id '{id}'.");

    private static async Task<Results<Ok<RunListResponse>, ProblemHttpResult>> ListAsync(
        string? @object, int? limit, RunReadModel runs, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > Paging.MaxSize)
        {
            return Problems.Invalid("limit", $"limit is between 1 and {Paging.MaxSize}.");
        }
        var views = await runs.ListAsync(@object, limit ?? Paging.DefaultSize, cancellationToken);
        return TypedResults.Ok(new RunListResponse(views.Select(RunResponses.Summary).ToList()));
    }

    private static async Task<Results<Accepted<RunTicketResponse>, ProblemHttpResult>> DecideAsync(
        string id, bool approve, RunDecisionBody? body, IRunLauncher launcher, HttpContext http) =>
        Ticket(await launcher.DecideAsync(id, approve, http.User.ToActor(), body?.Comment));

    private static async Task<Results<Accepted<RunTicketResponse>, ProblemHttpResult>> CancelAsync(string id, IRunLauncher launcher, HttpContext http) =>
        Ticket(await launcher.CancelAsync(id, http.User.ToActor()));

    private static Results<ServerSentEventsResult<string>, ProblemHttpResult> Events(string id, RunReadModel runs, CancellationToken cancellationToken) =>
        RunLauncher.IsRunId(id)
            ? TypedResults.ServerSentEvents(StreamAsync(id, runs, cancellationToken))
            : Problems.NotFound($"No run with id '{id}'.");

    /// <summary>Polls the read model (the run's row and steps) and pushes each new step and status change; ends when the run ends.</summary>
    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(string id, RunReadModel runs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        string? status = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var run = await runs.GetAsync(id, cancellationToken);
            if (run is null)
            {
                yield return new SseItem<string>("{\"error\":\"no such run\"}", "end");
                yield break;
            }
            foreach (var step in run.Steps.Where(s => sent.Add(s.Name)))
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(RunResponses.Step(step), Web), "step");
            }
            var now = run.Status.ToWire() + "|" + run.CurrentStep;
            if (now != status)
            {
                status = now;
                yield return new SseItem<string>(JsonSerializer.Serialize(RunResponses.Summary(run), Web), "status");
            }
            if (run.Status.IsFinal())
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(RunResponses.Summary(run), Web), "end");
                yield break;
            }
            try
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static Results<Accepted<RunTicketResponse>, ProblemHttpResult> Ticket(Outcome<RunTicket> outcome) =>
        outcome.Value is { } ticket
            ? TypedResults.Accepted(ticket.StatusUrl, new RunTicketResponse(ticket.RunId, ticket.ObjectName, ticket.StatusUrl, ticket.StatusUrl + "/events"))
            : Problems.From(outcome.Error!);

    // A request that could never run (no such object, not the requester's to change, deprecated, its name taken) is told
    // that first, rather than that a model is missing.
    private static async Task<ProblemHttpResult> NoModelAsync(RunLauncher launcher, RunRequest request, string howTo) =>
        (await launcher.CheckObjectAsync(request)).Error is { } refused ? Problems.From(refused) : NoModel(howTo);

    private static ProblemHttpResult NoModel(string howTo) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No language model is configured", detail: howTo);
}
