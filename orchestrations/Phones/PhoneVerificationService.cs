using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Phone;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Phones;

/// <summary>
/// Links a phone to a user: sends a six-digit code by SMS (through the notification service, so it lands in the
/// outbox when Twilio is not configured) and accepts it back through the API or as an SMS reply.
/// </summary>
/// <remarks>
/// Trust model: <see cref="StartAsync"/> and <see cref="VerifyAsync"/> take a user authenticated by API token;
/// <see cref="VerifyFromPhoneAsync"/> takes a number authenticated by a Twilio signature. Codes and full numbers are
/// never logged or audited (numbers are masked).
/// </remarks>
public sealed class PhoneVerificationService(
    PhoneStore phones,
    INotificationService notifications,
    AuditLog audit,
    TimeProvider clock,
    IOptions<PhoneVerificationOptions> options,
    ILogger<PhoneVerificationService> logger)
{
    /// <summary>Sends a new code to <paramref name="rawPhone"/> for <paramref name="user"/>.</summary>
    public async Task<PhoneClaim> StartAsync(UserAccount user, string? rawPhone, CancellationToken cancellationToken = default)
    {
        if (!PhoneNumbers.TryNormalize(rawPhone, out var phone))
        {
            return new PhoneClaim(PhoneVerificationStatus.InvalidNumber, null);
        }
        var settings = options.Value;
        var code = VerificationCodes.Generate();
        var claim = await phones.ClaimAsync(user.Id, phone, code, clock.GetUtcNow(), settings.CodeLifetime, settings.ResendCooldown, cancellationToken);
        if (claim.Status != PhoneVerificationStatus.Ok)
        {
            return new PhoneClaim(claim.Status, phone);
        }
        var minutes = Math.Max(1, (int)settings.CodeLifetime.TotalMinutes);
        var result = await notifications.NotifyAsync(new Notification
        {
            Channel = NotificationChannel.Sms,
            Target = phone,
            Subject = "Durable Objects",
            Text = $"Your verification code is {code}. Reply with it, or enter it in the app, to link this phone to user '{user.Id}'. " +
                   $"It expires in {minutes} min. Didn't ask? Ignore this.",
            CorrelationId = "phone-verification-" + Guid.NewGuid().ToString("n"),
        }, cancellationToken);
        await audit.AppendAsync(AuditEventTypes.PhoneVerificationSent, AuditEventTypes.UserSubject(user.Id), user.Id,
            new Dictionary<string, string> { ["phone"] = PhoneNumbers.Mask(phone), ["delivery"] = result.Status.ToString().ToLowerInvariant() }, cancellationToken);
        logger.LogInformation("Verification code for {UserId} to {Phone}: {Delivery}", user.Id, PhoneNumbers.Mask(phone), result.Status);
        return new PhoneClaim(PhoneVerificationStatus.Ok, phone, result.Status);
    }

    /// <summary>Checks a code the authenticated user typed in.</summary>
    public async Task<PhoneVerificationResult> VerifyAsync(string userId, string? code, CancellationToken cancellationToken = default)
    {
        var result = await phones.VerifyForUserAsync(userId, Normalize(code), clock.GetUtcNow(), options.Value.MaxAttempts, cancellationToken);
        await AuditAsync(result, "api", cancellationToken);
        return result;
    }

    /// <summary>Checks a code texted back from <paramref name="phone"/> (already signature-verified).</summary>
    public async Task<PhoneVerificationResult> VerifyFromPhoneAsync(string phone, string code, CancellationToken cancellationToken = default)
    {
        var result = await phones.VerifyFromPhoneAsync(phone, Normalize(code), clock.GetUtcNow(), options.Value.MaxAttempts, cancellationToken);
        if (result.Status != PhoneVerificationStatus.NoPendingCode)
        {
            await AuditAsync(result, "sms", cancellationToken);
        }
        return result;
    }

    private async Task AuditAsync(PhoneVerificationResult result, string via, CancellationToken cancellationToken)
    {
        if (result.UserId is not { } userId)
        {
            return;
        }
        var data = new Dictionary<string, string> { ["phone"] = PhoneNumbers.Mask(result.Phone), ["via"] = via };
        if (result.Succeeded)
        {
            await audit.AppendAsync(AuditEventTypes.PhoneVerified, AuditEventTypes.UserSubject(userId), userId, data, cancellationToken);
            return;
        }
        data["reason"] = result.Status.ToString();
        await audit.AppendAsync(AuditEventTypes.PhoneVerificationFailed, AuditEventTypes.UserSubject(userId), userId, data, cancellationToken);
    }

    private static string Normalize(string? code) => VerificationCodes.Extract(code) ?? (code ?? "").Trim();
}
