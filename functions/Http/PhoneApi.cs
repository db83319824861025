using System.ComponentModel.DataAnnotations;
using DurableObjects.Channels.Notifications;
using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Phones;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Http;

/// <summary>
/// The caller's phone and contact details: ask for a code (sent by SMS, or to the outbox when Twilio is not
/// configured), confirm it, forget the phone, set email, Slack and the preferred channel. Only a verified phone
/// may send commands by SMS or voice. The rules (what is valid, what is stored and audited) are
/// <see cref="ContactService"/>'s; this class only translates HTTP to its calls and back.
/// </summary>
public static class PhoneApi
{
    /// <summary>Body of <c>PUT /api/me/phone</c>.</summary>
    public sealed record PhoneRequest([property: Required] string? Phone);

    /// <summary>Body of <c>POST /api/me/phone/verify</c>.</summary>
    public sealed record VerifyPhoneRequest([property: Required] string? Code);

    /// <summary>Body of <c>PUT /api/me/contact</c>: null leaves a field as it is, "" clears it.</summary>
    public sealed record ContactRequest(string? Email, string? Slack, string? PreferredChannel);

    /// <summary>A code is on its way: where to (<c>sent</c> by SMS, or <c>outboxed</c>: read it with <c>GET /api/outbox</c>).</summary>
    public sealed record PhoneClaimResponse(string Phone, string Status, string Delivery, int ExpiresInSeconds);

    public static RouteGroupBuilder MapPhoneApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/me").WithTags("Phone and contact").RequireAuthorization(AuthPolicies.Read);
        group.MapPut("/phone", ClaimAsync).WithSummary("Set your phone number (E.164) and text it a 6-digit verification code.");
        group.MapPost("/phone/verify", VerifyAsync).WithSummary("Confirm your phone with the code it received (or reply to the SMS with the code).");
        group.MapDelete("/phone", RemoveAsync).WithSummary("Forget your phone; it stops commanding at once.");
        group.MapPut("/contact", SetContactAsync).WithSummary($"Set your email, Slack target and preferred notification channel ({NotificationChannels.PersonalNames}).");
        return group;
    }

    private static async Task<Results<Accepted<PhoneClaimResponse>, Ok<UserAccount>, ProblemHttpResult>> ClaimAsync(
        PhoneRequest request, HttpContext http, ContactService contacts, IOptions<PhoneVerificationOptions> options)
    {
        var outcome = await contacts.StartPhoneClaimAsync(http.User.ToActor().UserId, request.Phone, http.RequestAborted);
        if (outcome is not { Succeeded: true, Value: { } started })
        {
            return Problems.From(outcome.Error!);
        }
        var (me, claim) = started;
        return claim.Status == PhoneVerificationStatus.AlreadyVerified
            ? TypedResults.Ok(me)
            : TypedResults.Accepted("/api/me", new PhoneClaimResponse(
                claim.Phone!, "pending", claim.Delivery?.ToString().ToLowerInvariant() ?? "failed", (int)options.Value.CodeLifetime.TotalSeconds));
    }

    private static async Task<Results<Ok<UserAccount>, ProblemHttpResult>> VerifyAsync(VerifyPhoneRequest request, HttpContext http, ContactService contacts) =>
        ToResult(await contacts.VerifyPhoneAsync(http.User.ToActor().UserId, request.Code, http.RequestAborted));

    private static async Task<Results<Ok<UserAccount>, ProblemHttpResult>> RemoveAsync(HttpContext http, ContactService contacts) =>
        ToResult(await contacts.RemovePhoneAsync(http.User.ToActor().UserId, http.RequestAborted));

    private static async Task<Results<Ok<UserAccount>, ProblemHttpResult>> SetContactAsync(ContactRequest request, HttpContext http, ContactService contacts) =>
        ToResult(await contacts.SetContactAsync(
            http.User.ToActor().UserId, new ContactChange(request.Email, request.Slack, request.PreferredChannel), http.RequestAborted));

    private static Results<Ok<UserAccount>, ProblemHttpResult> ToResult(Outcome<UserAccount> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : Problems.From(outcome.Error!);
}
