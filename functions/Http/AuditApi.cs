using DurableObjects.Functions.Auth;
using DurableObjects.Shared.Audit.Chain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>
/// The decision chain: the hash-linked records of reward decisions, approvals, version commits, deploys and
/// rollbacks (newest first), and its verification, which walks the chain from the first record and names the first
/// broken link. Readers may see both: the records carry the same facts the audit log and run view already show.
/// </summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AuthPolicies.Read);
        group.MapGet("/chain", ListAsync).WithSummary("The decision chain's records, newest first.");
        group.MapGet("/verify", VerifyAsync).WithSummary("Walk the decision chain; names the first record that was changed, unlinked or is missing.");
        return group;
    }

    private static async Task<Results<Ok<PageResponse<ChainRecord>>, ProblemHttpResult>> ListAsync(
        DecisionChain chain, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (Paging.Check(pageSize, continuationToken, out var storeToken) is { } badPage)
        {
            return badPage;
        }
        var page = await chain.ListAsync(pageSize ?? Paging.DefaultSize, storeToken, cancellationToken);
        return TypedResults.Ok(new PageResponse<ChainRecord>(page.Items, Paging.Seal(page.ContinuationToken)));
    }

    private static async Task<Ok<ChainVerification>> VerifyAsync(DecisionChain chain, CancellationToken cancellationToken) =>
        TypedResults.Ok(await chain.VerifyAsync(cancellationToken));
}
