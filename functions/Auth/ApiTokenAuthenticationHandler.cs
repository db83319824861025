using System.Security.Claims;
using System.Text.Encodings.Web;
using DurableObjects.Shared.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer do_…</c> personal API tokens against their stored SHA-256, as this host last
/// read it (<see cref="ApiTokenCache"/>: how stale that may be, in and out of a storage outage).
/// The token is never logged; failures say only that the token is missing or not valid, or that its account is disabled
/// (<see cref="UserAccount.Disabled"/>: 401 "Account disabled" naming the account, which the token's holder knows).
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenCache tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    // The failed result's property that names a disabled account (its token is valid, its account may not act).
    private const string DisabledUser = "disabledUser";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Use 'Authorization: Bearer <token>'.");
        }
        var token = header["Bearer ".Length..].Trim();
        var user = ApiTokens.LooksLikeToken(token) ? await tokens.FindAsync(token) : null;
        if (user is null)
        {
            return AuthenticateResult.Fail("The API token is not valid: it was revoked, or never issued here.");
        }
        if (user.Disabled)
        {
            // The token is valid; its account may not act. The challenge says so (it reads the reason from here).
            return AuthenticateResult.Fail(DisabledAccounts.Title, new AuthenticationProperties(new Dictionary<string, string?> { [DisabledUser] = user.Id }));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Id), new Claim(ClaimTypes.Role, user.Role.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Properties?.Items.TryGetValue(DisabledUser, out var userId) == true && userId is not null)
        {
            await WriteProblemAsync(StatusCodes.Status401Unauthorized, DisabledAccounts.Title, DisabledAccounts.Refusal(userId));
            return;
        }
        // A token that was sent but refused is told why (revoked or unknown, malformed header), not just asked for.
        var why = result.Failure is { Message: { Length: > 0 } reason } ? reason + " " : "";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            why + "Send a personal API token as 'Authorization: Bearer <token>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "Your role does not allow this action.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
    }
}
