using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Monitors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Event monitors: "text me when a user signs up". Any signed-in user manages their own monitors (they only ever
/// notify that user); admins see and change all of them and may trigger a scan. Validation and ownership live in
/// <see cref="IMonitorService"/>.
/// </summary>
public static class MonitorsApi
{
    /// <summary>A listing of monitors.</summary>
    public sealed record MonitorList(IReadOnlyList<MonitorInfo> Items);

    public static RouteGroupBuilder MapMonitorsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/monitors").WithTags("Monitors").RequireAuthorization(AuthPolicies.Read);
        group.MapPost("/", CreateAsync).WithMetadata(new RequiredBodyProperties("eventType")).WithSummary("Create a monitor: eventType pattern, optional subject/conditions, channel (sms, voice, email, slack), target, rate limit, quiet hours, schedule.");
        group.MapGet("/", ListAsync).WithSummary("Your monitors (admins: everyone's, or ?owner=).");
        group.MapGet("/{id}", GetAsync).WithSummary("One monitor.");
        group.MapPatch("/{id}", UpdateAsync).WithSummary("Change fields (null keeps, \"\" clears); the watermark is kept.");
        group.MapPost("/{id}/enable", (string id, HttpContext http, IMonitorService monitors) => SetEnabledAsync(id, true, http, monitors)).WithSummary("Enable (events from now on).");
        group.MapPost("/{id}/disable", (string id, HttpContext http, IMonitorService monitors) => SetEnabledAsync(id, false, http, monitors)).WithSummary("Disable.");
        group.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a monitor.");
        group.MapPost("/scan", ScanAsync).RequireAuthorization(AuthPolicies.Admin).WithSummary("Run the cluster's monitor scan now (admins).");
        return group;
    }

    private static async Task<Results<Created<MonitorInfo>, ProblemHttpResult>> CreateAsync(MonitorDefinition definition, HttpContext http, IMonitorService monitors)
    {
        var created = await monitors.CreateAsync(definition, http.User.ToActor(), http.GetRequestOperation(), http.RequestAborted);
        return created.Succeeded ? TypedResults.Created($"/api/monitors/{created.Value!.Id}", created.Value) : Problems.From(created.Error!);
    }

    private static async Task<Ok<MonitorList>> ListAsync(string? owner, HttpContext http, IMonitorService monitors) =>
        TypedResults.Ok(new MonitorList(await monitors.ListAsync(http.User.ToActor(), owner, http.RequestAborted)));

    private static async Task<Results<Ok<MonitorInfo>, ProblemHttpResult>> GetAsync(string id, HttpContext http, IMonitorService monitors) =>
        ToResult(await monitors.GetAsync(id, http.User.ToActor(), http.RequestAborted));

    private static async Task<Results<Ok<MonitorInfo>, ProblemHttpResult>> UpdateAsync(string id, MonitorDefinition changes, HttpContext http, IMonitorService monitors) =>
        ToResult(await monitors.UpdateAsync(id, changes, http.User.ToActor(), http.RequestAborted));

    private static async Task<Results<Ok<MonitorInfo>, ProblemHttpResult>> SetEnabledAsync(string id, bool enabled, HttpContext http, IMonitorService monitors) =>
        ToResult(await monitors.SetEnabledAsync(id, enabled, http.User.ToActor(), http.RequestAborted));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpContext http, IMonitorService monitors)
    {
        var deleted = await monitors.DeleteAsync(id, http.User.ToActor(), http.RequestAborted);
        return deleted.Succeeded ? TypedResults.NoContent() : Problems.From(deleted.Error!);
    }

    private static async Task<Ok<ScanReport>> ScanAsync(MonitorScans scans, CancellationToken cancellationToken) =>
        TypedResults.Ok(await scans.ScanNowAsync(cancellationToken));

    private static Results<Ok<MonitorInfo>, ProblemHttpResult> ToResult(Shared.Domain.Outcome<MonitorInfo> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : Problems.From(outcome.Error!);
}
