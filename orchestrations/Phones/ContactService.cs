using System.Net.Mail;
using DurableObjects.Channels.Notifications;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;

namespace DurableObjects.Orchestrations.Phones;

/// <summary>
/// A user's own phone and contact details: asking for a phone code and confirming it (through
/// <see cref="PhoneVerificationService"/>), forgetting the phone, and setting email, Slack target and preferred channel.
/// Each rule lives here — what a valid value is, what a refusal says, what is audited — so every trigger (the HTTP
/// API, and any other) applies the same ones.
/// </summary>
/// <remarks>
/// Trust model: <c>userId</c> is the authenticated caller, who may change only their own details; every value
/// is untrusted input and validated before anything is stored. Audit events say which fields are set, never the
/// email or Slack target themselves; numbers are masked by the verification service.
/// </remarks>
public sealed class ContactService(UserAccountService users, PhoneStore phones, PhoneVerificationService verification, AuditLog audit)
{
    /// <summary>The longest email address (RFC 5321's path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>The longest Slack channel or member id accepted.</summary>
    public const int MaxSlackLength = 80;

    /// <summary>Texts a code to <paramref name="phone"/> for the user. AlreadyVerified is a success (nothing to do);
    /// a bad number, a number another user verified, or a code asked for again too soon are refusals.</summary>
    public async Task<Outcome<PhoneClaimStarted>> StartPhoneClaimAsync(string userId, string? phone, CancellationToken cancellationToken = default)
    {
        var me = await users.GetAsync(userId, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var claim = await verification.StartAsync(me.Value!, phone, cancellationToken);
        return claim.Status switch
        {
            PhoneVerificationStatus.Ok or PhoneVerificationStatus.AlreadyVerified => Outcome<PhoneClaimStarted>.Ok(new PhoneClaimStarted(me.Value!, claim)),
            PhoneVerificationStatus.InvalidNumber => OperationError.InvalidField("phone", "A phone number in E.164 form, e.g. +15551234567."),
            PhoneVerificationStatus.TakenByAnotherUser => Outcome<PhoneClaimStarted>.Fail(ErrorKind.Conflict, "That number is verified by another user."),
            PhoneVerificationStatus.TooSoon => Outcome<PhoneClaimStarted>.Fail(ErrorKind.TooManyRequests,
                "A code was sent to that number moments ago; wait half a minute before asking again."),
            _ => Outcome<PhoneClaimStarted>.Fail(ErrorKind.Invalid, "The phone could not be set."),
        };
    }

    /// <summary>Confirms the user's pending phone with the code it received; the user afterwards.</summary>
    public async Task<Outcome<UserAccount>> VerifyPhoneAsync(string userId, string? code, CancellationToken cancellationToken = default)
    {
        if (VerificationCodes.Extract(code) is null)
        {
            return OperationError.InvalidField("code", "The 6-digit code from the SMS.");
        }
        var result = await verification.VerifyAsync(userId, code, cancellationToken);
        if (result.Succeeded)
        {
            return await users.GetAsync(userId, cancellationToken);
        }
        return result.Status switch
        {
            PhoneVerificationStatus.WrongCode => OperationError.InvalidField("code", $"That is not the code that was sent. {result.AttemptsLeft} attempt(s) left."),
            PhoneVerificationStatus.Expired => Outcome<UserAccount>.Fail(ErrorKind.Gone, "The code has expired; ask for a new one with PUT /api/me/phone."),
            PhoneVerificationStatus.TooManyAttempts => Outcome<UserAccount>.Fail(ErrorKind.TooManyRequests, "Too many wrong codes; ask for a new one with PUT /api/me/phone."),
            PhoneVerificationStatus.TakenByAnotherUser => Outcome<UserAccount>.Fail(ErrorKind.Conflict, "That number is verified by another user."),
            _ => Outcome<UserAccount>.Fail(ErrorKind.Conflict, "No code is waiting; ask for one with PUT /api/me/phone."),
        };
    }

    /// <summary>Forgets the user's phone (it stops commanding at once); audited.</summary>
    public async Task<Outcome<UserAccount>> RemovePhoneAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (await phones.RemovePhoneAsync(userId, cancellationToken) is not { } me)
        {
            return Outcome<UserAccount>.Fail(ErrorKind.NotFound, "Your user no longer exists.");
        }
        await audit.AppendAsync(AuditEventTypes.PhoneRemoved, AuditEventTypes.UserSubject(userId), userId, null, cancellationToken);
        return Outcome<UserAccount>.Ok(me);
    }

    /// <summary>Sets email, Slack target and preferred channel (null leaves a field as it is, "" clears it); audited
    /// with which fields are set. Every field is checked before anything is stored.</summary>
    public async Task<Outcome<UserAccount>> SetContactAsync(string userId, ContactChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Email is { Length: > 0 } email &&
            (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email.Trim()))
        {
            return OperationError.InvalidField("email", "An email address, e.g. ada@example.com.");
        }
        // The same rule as sending to Slack (NotificationValidator): a target with spaces could never be reached.
        if (change.Slack is { Length: > 0 } slack && (slack.Length > MaxSlackLength || slack.Any(char.IsWhiteSpace)))
        {
            return OperationError.InvalidField("slack", $"A Slack channel or member id without spaces (at most {MaxSlackLength} characters), e.g. U0123ABCD.");
        }
        var channel = change.PreferredChannel?.Trim().ToLowerInvariant();
        if (channel is { Length: > 0 } && !NotificationChannels.IsPersonalName(channel))
        {
            return OperationError.InvalidField("preferredChannel", $"One of {NotificationChannels.PersonalNames}.");
        }
        if (await phones.SetContactAsync(userId, change.Email, change.Slack, channel, cancellationToken) is not { } me)
        {
            return Outcome<UserAccount>.Fail(ErrorKind.NotFound, "Your user no longer exists.");
        }
        await audit.AppendAsync(AuditEventTypes.ContactUpdated, AuditEventTypes.UserSubject(userId), userId,
            new Dictionary<string, string>
            {
                ["preferredChannel"] = me.PreferredChannel ?? "",
                ["email"] = me.Email is null ? "unset" : "set",
                ["slack"] = me.Slack is null ? "unset" : "set",
            },
            cancellationToken);
        return Outcome<UserAccount>.Ok(me);
    }
}
