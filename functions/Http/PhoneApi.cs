using System.Net.Mail;
using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Phones;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>
/// The caller's phone and contact details: ask for a code (sent by SMS, or to the outbox when Twilio is not
/// configured), confirm it, forget the phone, set email, Slack and the preferred channel. Only a verified phone
/// may send commands by SMS or voice.
/// </summary>
public static class PhoneApi
{
    /// <summary>Body of <c>PUT /api/me/phone</c>.</summary>
    public sealed record PhoneRequest(string? Phone);

    /// <summary>Body of <c>POST /api/me/phone/verify</c>.</summary>
    public sealed record VerifyPhoneRequest(string? Code);

    /// <summary>Body of <c>PUT /api/me/contact</c>: null leaves a field as it is, "" clears it.</summary>
    public sealed record ContactRequest(string? Email, string? Slack, string? PreferredChannel);

    /// <summary>A code is on its way: where to (<c>sent</c> by SMS, or <c>outboxed</c>: read it with <c>GET /api/outbox</c>).</summary>
    public sealed record PhoneClaimResponse(string Phone, string Status, string Delivery, int ExpiresInSeconds);

    private static readonly string[] Channels = ["sms", "voice", "email", "slack"];

    public static RouteGroupBuilder MapPhoneApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/me").WithTags("Phone and contact").RequireAuthorization(AuthPolicies.Read);
        group.MapPut("/phone", ClaimAsync).WithSummary("Set your phone number (E.164) and text it a 6-digit verification code.");
        group.MapPost("/phone/verify", VerifyAsync).WithSummary("Confirm your phone with the code it received (or reply to the SMS with the code).");
        group.MapDelete("/phone", RemoveAsync).WithSummary("Forget your phone; it stops commanding at once.");
        group.MapPut("/contact", SetContactAsync).WithSummary("Set your email, Slack target and preferred notification channel (sms, voice, email, slack).");
        return group;
    }

    private static async Task<Results<Accepted<PhoneClaimResponse>, Ok<UserAccount>, ProblemHttpResult>> ClaimAsync(
        PhoneRequest request, HttpContext http, UserStore users, PhoneVerificationService verification,
        Microsoft.Extensions.Options.IOptions<PhoneVerificationOptions> options)
    {
        var me = await users.GetAsync(http.User.ToActor().UserId, http.RequestAborted);
        if (me is null)
        {
            return Problems.NotFound("Your user no longer exists.");
        }
        var claim = await verification.StartAsync(me, request.Phone, http.RequestAborted);
        return claim.Status switch
        {
            PhoneVerificationStatus.Ok => TypedResults.Accepted("/api/me", new PhoneClaimResponse(
                claim.Phone!, "pending", claim.Delivery?.ToString().ToLowerInvariant() ?? "failed", (int)options.Value.CodeLifetime.TotalSeconds)),
            PhoneVerificationStatus.AlreadyVerified => TypedResults.Ok(me),
            PhoneVerificationStatus.InvalidNumber => Problems.Invalid("phone", "A phone number in E.164 form, e.g. +15551234567."),
            PhoneVerificationStatus.TakenByAnotherUser => Problems.From(new OperationError(ErrorKind.Conflict, "That number is verified by another user.")),
            PhoneVerificationStatus.TooSoon => TooMany("A code was sent to that number moments ago; wait half a minute before asking again."),
            _ => Problems.From(new OperationError(ErrorKind.Invalid, "The phone could not be set.")),
        };
    }

    private static async Task<Results<Ok<UserAccount>, ProblemHttpResult>> VerifyAsync(
        VerifyPhoneRequest request, HttpContext http, UserStore users, PhoneVerificationService verification)
    {
        if (VerificationCodes.Extract(request.Code) is null)
        {
            return Problems.Invalid("code", "The 6-digit code from the SMS.");
        }
        var userId = http.User.ToActor().UserId;
        var result = await verification.VerifyAsync(userId, request.Code, http.RequestAborted);
        if (result.Succeeded)
        {
            var me = await users.GetAsync(userId, http.RequestAborted);
            return me is null ? Problems.NotFound("Your user no longer exists.") : TypedResults.Ok(me);
        }
        return result.Status switch
        {
            PhoneVerificationStatus.WrongCode => Problems.Invalid("code", $"That is not the code that was sent. {result.AttemptsLeft} attempt(s) left."),
            PhoneVerificationStatus.Expired => Problems.From(new OperationError(ErrorKind.Gone, "The code has expired; ask for a new one with PUT /api/me/phone.")),
            PhoneVerificationStatus.TooManyAttempts => TooMany("Too many wrong codes; ask for a new one with PUT /api/me/phone."),
            PhoneVerificationStatus.TakenByAnotherUser => Problems.From(new OperationError(ErrorKind.Conflict, "That number is verified by another user.")),
            _ => Problems.From(new OperationError(ErrorKind.Conflict, "No code is waiting; ask for one with PUT /api/me/phone.")),
        };
    }

    private static async Task<Results<Ok<UserAccount>, ProblemHttpResult>> RemoveAsync(HttpContext http, PhoneStore phones, AuditLog audit)
    {
        var userId = http.User.ToActor().UserId;
        var me = await phones.RemovePhoneAsync(userId, http.RequestAborted);
        if (me is null)
        {
            return Problems.NotFound("Your user no longer exists.");
        }
        await audit.AppendAsync(AuditEventTypes.PhoneRemoved, AuditEventTypes.UserSubject(userId), userId, null, http.RequestAborted);
        return TypedResults.Ok(me);
    }

    private static async Task<Results<Ok<UserAccount>, ProblemHttpResult>> SetContactAsync(ContactRequest request, HttpContext http, PhoneStore phones, AuditLog audit)
    {
        if (request.Email is { Length: > 0 } email && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email.Trim()))
        {
            return Problems.Invalid("email", "An email address, e.g. ada@example.com.");
        }
        if (request.Slack is { Length: > 80 })
        {
            return Problems.Invalid("slack", "A Slack channel or member id (at most 80 characters).");
        }
        var channel = request.PreferredChannel?.Trim().ToLowerInvariant();
        if (channel is { Length: > 0 } && !Channels.Contains(channel))
        {
            return Problems.Invalid("preferredChannel", "One of sms, voice, email, slack.");
        }
        var userId = http.User.ToActor().UserId;
        var me = await phones.SetContactAsync(userId, request.Email, request.Slack, channel, http.RequestAborted);
        if (me is null)
        {
            return Problems.NotFound("Your user no longer exists.");
        }
        await audit.AppendAsync(AuditEventTypes.ContactUpdated, AuditEventTypes.UserSubject(userId), userId,
            new Dictionary<string, string> { ["preferredChannel"] = me.PreferredChannel ?? "", ["email"] = me.Email is null ? "unset" : "set", ["slack"] = me.Slack is null ? "unset" : "set" },
            http.RequestAborted);
        return TypedResults.Ok(me);
    }

    private static ProblemHttpResult TooMany(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail);
}
