using DurableObjects.Functions.Auth;
using DurableObjects.Shared.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>The audit log: every action, newest first, filtered by type, subject, actor and time.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/events").WithTags("Audit").RequireAuthorization(AuthPolicies.Read);
        group.MapGet("/", ListAsync).WithSummary("List audit events (type: exact, or a prefix ending in '.'; subject like object/calculator).");
        return group;
    }

    private static async Task<Results<Ok<PageResponse<AuditEvent>>, ProblemHttpResult>> ListAsync(
        AuditLog audit, string? type, string? subject, string? actor, DateTimeOffset? since, DateTimeOffset? until,
        int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (Paging.Check(pageSize, continuationToken, out var storeToken) is { } badPage)
        {
            return badPage;
        }
        if (since > until)
        {
            return Problems.Invalid("since", "since must not be later than until.");
        }
        var page = await audit.QueryAsync(new AuditQuery(type, subject, actor, since, until, pageSize ?? Paging.DefaultSize, storeToken), cancellationToken);
        return TypedResults.Ok(new PageResponse<AuditEvent>(page.Items, Paging.Seal(page.ContinuationToken)));
    }
}
