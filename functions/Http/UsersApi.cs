using System.ComponentModel.DataAnnotations;
using DurableObjects.Functions.Auth;
using DurableObjects.Shared.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>The caller, users (admins only) and personal API tokens. The rules (valid names, audit, who may change whom)
/// are <see cref="UserAccountService"/>'s and <see cref="UserAccessService"/>'s; this class only translates HTTP to
/// their calls and back.</summary>
public static class UsersApi
{
    public sealed record CreateUserRequest([property: Required] string? Name, UserRole? Role);

    /// <summary>What to change about a user: null (or absent) keeps it; a body that changes nothing is refused (400).</summary>
    [RequiresAnyOf(nameof(Role), nameof(Disabled))]
    public sealed record UpdateUserRequest(UserRole? Role, bool? Disabled);

    public sealed record CreateTokenRequest(string? Name);

    /// <summary>A token exactly once, at creation; only its hash is kept.</summary>
    public sealed record TokenResponse(string UserId, string TokenId, string Token)
    {
        internal static TokenResponse From(NewApiToken token) => new(token.UserId, token.TokenId, token.Token);
    }

    public sealed record CreatedUserResponse(UserAccount User, TokenResponse Token);

    /// <summary>A listing of tokens: ids, names and when they were made; never a token or its hash.</summary>
    public sealed record TokenList(IReadOnlyList<ApiTokenInfo> Items);

    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Users").RequireAuthorization(AuthPolicies.Read);
        group.MapGet("/me", GetMeAsync).WithSummary("The authenticated caller.");
        group.MapPost("/tokens", CreateTokenAsync).WithSummary("Create another personal API token for yourself (shown once).");
        group.MapGet("/tokens", ListMyTokensAsync).WithSummary("Your personal API tokens: id, name, when made (never the token).");
        group.MapDelete("/tokens/{tokenId}", RevokeMyTokenAsync)
            .WithSummary("Revoke one of your tokens (the one you call with included): refused here at once, on every host within DurableObjects:Auth:TokenCacheBound.");
        group.MapGet("/users", ListUsersAsync).RequireAuthorization(AuthPolicies.Admin).WithSummary("List users (admins).");
        group.MapPost("/users", CreateUserAsync).RequireAuthorization(AuthPolicies.Admin).WithSummary("Create a user and their first token (admins).");
        group.MapPatch("/users/{userId}", UpdateUserAsync).RequireAuthorization(AuthPolicies.Admin)
            .WithSummary("Change a user's role or disable / enable their account (admins; not your own, and an enabled admin always remains): at once on this host, on every host within DurableObjects:Auth:TokenCacheBound.");
        group.MapGet("/users/{userId}/tokens", ListTokensAsync).RequireAuthorization(AuthPolicies.Admin).WithSummary("A user's API tokens (admins).");
        group.MapDelete("/users/{userId}/tokens/{tokenId}", RevokeTokenAsync).RequireAuthorization(AuthPolicies.Admin).WithSummary("Revoke a user's API token (admins).");
        return group;
    }

    private static async Task<Results<Ok<UserAccount>, ProblemHttpResult>> GetMeAsync(HttpContext http, UserAccountService users) =>
        await users.GetAsync(http.User.ToActor().UserId, http.RequestAborted) is { Succeeded: true, Value: { } me }
            ? TypedResults.Ok(me)
            : Problems.NotFound("Your user no longer exists.");

    private static async Task<Results<Created<TokenResponse>, ProblemHttpResult>> CreateTokenAsync(CreateTokenRequest? request, HttpContext http, UserAccountService users)
    {
        var created = await users.CreateTokenAsync(http.User.ToActor(), request?.Name, http.GetRequestOperation(), http.RequestAborted);
        return created.Succeeded ? TypedResults.Created("/api/tokens", TokenResponse.From(created.Value!)) : Problems.From(created.Error!);
    }

    private static Task<Results<Ok<TokenList>, ProblemHttpResult>> ListMyTokensAsync(HttpContext http, UserAccountService users) =>
        ListTokensAsync(http.User.ToActor().UserId, http, users);

    private static async Task<Results<Ok<TokenList>, ProblemHttpResult>> ListTokensAsync(string userId, HttpContext http, UserAccountService users)
    {
        var listed = await users.ListTokensAsync(http.User.ToActor(), userId, http.RequestAborted);
        return listed.Succeeded ? TypedResults.Ok(new TokenList(listed.Value!)) : Problems.From(listed.Error!);
    }

    private static Task<Results<NoContent, ProblemHttpResult>> RevokeMyTokenAsync(string tokenId, HttpContext http, UserAccountService users) =>
        RevokeTokenAsync(http.User.ToActor().UserId, tokenId, http, users);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(string userId, string tokenId, HttpContext http, UserAccountService users)
    {
        var revoked = await users.RevokeTokenAsync(http.User.ToActor(), userId, tokenId, http.GetRequestOperation(), http.RequestAborted);
        return revoked.Succeeded ? TypedResults.NoContent() : Problems.From(revoked.Error!);
    }

    private static async Task<Ok<IReadOnlyList<UserAccount>>> ListUsersAsync(UserAccountService users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.ListAsync(cancellationToken));

    private static async Task<Results<Ok<UserAccount>, ProblemHttpResult>> UpdateUserAsync(string userId, UpdateUserRequest? request, HttpContext http, UserAccessService access)
    {
        var changed = await access.ChangeAsync(http.User.ToActor(), userId, request?.Role, request?.Disabled, http.RequestAborted);
        return changed.Succeeded ? TypedResults.Ok(changed.Value!) : Problems.From(changed.Error!);
    }

    private static async Task<Results<Created<CreatedUserResponse>, ProblemHttpResult>> CreateUserAsync(CreateUserRequest request, HttpContext http, UserAccountService users)
    {
        var outcome = await users.CreateUserAsync(http.User.ToActor(), request.Name, request.Role, http.GetRequestOperation(), cancellationToken: http.RequestAborted);
        return outcome is { Succeeded: true, Value: { } created }
            ? TypedResults.Created($"/api/users/{created.User.Id}", new CreatedUserResponse(created.User, TokenResponse.From(created.Token)))
            : Problems.From(outcome.Error!);
    }
}
