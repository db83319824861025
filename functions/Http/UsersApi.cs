using DurableObjects.Functions.Auth;
using DurableObjects.Shared.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>The caller, users (admins only) and personal API tokens. The rules (valid names, audit) are
/// <see cref="UserAccountService"/>'s; this class only translates HTTP to its calls and back.</summary>
public static class UsersApi
{
    public sealed record CreateUserRequest(string? Name, UserRole? Role);

    public sealed record CreateTokenRequest(string? Name);

    /// <summary>A token exactly once, at creation; only its hash is kept.</summary>
    public sealed record TokenResponse(string UserId, string TokenId, string Token)
    {
        internal static TokenResponse From(NewApiToken token) => new(token.UserId, token.TokenId, token.Token);
    }

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

    private static async Task<Results<Ok<UserAccount>, ProblemHttpResult>> GetMeAsync(HttpContext http, UserAccountService users) =>
        await users.GetAsync(http.User.ToActor().UserId, http.RequestAborted) is { Succeeded: true, Value: { } me }
            ? TypedResults.Ok(me)
            : Problems.NotFound("Your user no longer exists.");

    private static async Task<Created<TokenResponse>> CreateTokenAsync(CreateTokenRequest? request, HttpContext http, UserAccountService users)
    {
        var created = await users.CreateTokenAsync(http.User.ToActor(), request?.Name, http.RequestAborted);
        return TypedResults.Created("/api/me", TokenResponse.From(created));
    }

    private static async Task<Ok<IReadOnlyList<UserAccount>>> ListUsersAsync(UserAccountService users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.ListAsync(cancellationToken));

    private static async Task<Results<Created<CreatedUserResponse>, ProblemHttpResult>> CreateUserAsync(CreateUserRequest request, HttpContext http, UserAccountService users)
    {
        var outcome = await users.CreateUserAsync(http.User.ToActor(), request.Name, request.Role, http.RequestAborted);
        return outcome is { Succeeded: true, Value: { } created }
            ? TypedResults.Created($"/api/users/{created.User.Id}", new CreatedUserResponse(created.User, TokenResponse.From(created.Token)))
            : Problems.From(outcome.Error!);
    }
}
