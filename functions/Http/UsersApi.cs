using DurableObjects.Functions.Auth;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>The caller, users (admins only) and personal API tokens.</summary>
public static class UsersApi
{
    public sealed record CreateUserRequest(string? Name, UserRole? Role);

    public sealed record CreateTokenRequest(string? Name);

    /// <summary>A token exactly once, at creation; only its hash is kept.</summary>
    public sealed record TokenResponse(string UserId, string TokenId, string Token);

    public sealed record CreatedUserResponse(UserAccount User, TokenResponse Token);

    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Users").RequireAuthorization(AuthPolicies.Read);
        group.MapGet("/me", GetMeAsync).WithSummary("The authenticated caller.");
        group.MapPost("/tokens", CreateTokenAsync).WithSummary("Create another personal API token for yourself (shown once).");
        group.MapGet("/users", ListUsersAsync).RequireAuthorization(AuthPolicies.Admin).WithSummary("List users (admins).");
        group.MapPost("/users", CreateUserAsync).RequireAuthorization(AuthPolicies.Admin).WithSummary("Create a user and their first token (admins).");
        return group;
    }

    private static async Task<Results<Ok<UserAccount>, ProblemHttpResult>> GetMeAsync(HttpContext http, UserStore users)
    {
        var me = await users.GetAsync(http.User.ToActor().UserId, http.RequestAborted);
        return me is null ? Problems.NotFound("Your user no longer exists.") : TypedResults.Ok(me);
    }

    private static async Task<Created<TokenResponse>> CreateTokenAsync(CreateTokenRequest? request, HttpContext http, UserStore users, AuditLog audit)
    {
        var actor = http.User.ToActor();
        var (token, tokenId) = await users.CreateTokenAsync(actor.UserId, request?.Name ?? "api", http.RequestAborted);
        await audit.AppendAsync(AuditEventTypes.TokenCreated, AuditEventTypes.UserSubject(actor.UserId), actor.UserId,
            new Dictionary<string, string> { ["tokenId"] = tokenId }, http.RequestAborted);
        return TypedResults.Created("/api/me", new TokenResponse(actor.UserId, tokenId, token));
    }

    private static async Task<Ok<IReadOnlyList<UserAccount>>> ListUsersAsync(UserStore users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.ListAsync(cancellationToken));

    private static async Task<Results<Created<CreatedUserResponse>, ProblemHttpResult>> CreateUserAsync(CreateUserRequest request, HttpContext http, UserStore users, AuditLog audit)
    {
        if (!UserNames.IsValid(request.Name))
        {
            return Problems.Invalid("name", UserNames.Rule);
        }
        var id = request.Name!.ToLowerInvariant();
        var role = request.Role ?? UserRole.Member;
        var user = await users.CreateAsync(id, role, http.RequestAborted);
        if (user is null)
        {
            return Problems.From(new Shared.Domain.OperationError(Shared.Domain.ErrorKind.Conflict, $"A user named '{id}' already exists."));
        }
        var actor = http.User.ToActor().UserId;
        var (token, tokenId) = await users.CreateTokenAsync(id, "first", http.RequestAborted);
        await audit.AppendAsync(AuditEventTypes.UserRegistered, AuditEventTypes.UserSubject(id), actor,
            new Dictionary<string, string> { ["role"] = role.ToString().ToLowerInvariant() }, http.RequestAborted);
        await audit.AppendAsync(AuditEventTypes.TokenCreated, AuditEventTypes.UserSubject(id), actor,
            new Dictionary<string, string> { ["tokenId"] = tokenId }, http.RequestAborted);
        return TypedResults.Created($"/api/users/{id}", new CreatedUserResponse(user, new TokenResponse(id, tokenId, token)));
    }
}
