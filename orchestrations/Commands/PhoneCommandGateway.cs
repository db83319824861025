using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Phone;
using DurableObjects.Orchestrations.Phones;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// The door from the Twilio webhooks to the command processor: finds the user behind a number, lets a pending
/// number verify itself by texting its code back, and refuses everyone else politely.
/// </summary>
/// <remarks>
/// Trust model: call this only after the request's <c>X-Twilio-Signature</c> was verified; only then is
/// <c>from</c> the sender's real number. A number commands the system only once verified, only as its user, and
/// only while that user's account is not disabled.
/// </remarks>
public sealed partial class PhoneCommandGateway(
    PhoneStore phones,
    PhoneVerificationService verification,
    ICommandProcessor processor,
    ILogger<PhoneCommandGateway> logger)
{
    public const string UnknownNumber =
        "Sorry, this number isn't linked to a Durable Objects account. Add it in the app (Settings, Phone) and reply with the code we text you.";

    /// <summary>Null when <paramref name="user"/> (the verified user behind a number, or null) may run commands; else
    /// what the caller is told: the number is unknown, or its account is disabled.</summary>
    public static string? Refusal(UserAccount? user) => user switch
    {
        null => UnknownNumber,
        { Disabled: true } => DisabledAccounts.Refusal(user.Id),
        _ => null,
    };

    /// <summary>The verified user behind <paramref name="from"/> (a disabled one included: see <see cref="Refusal"/>), or null.</summary>
    public async Task<UserAccount?> IdentifyAsync(string? from, CancellationToken cancellationToken = default) =>
        PhoneNumbers.TryNormalize(from, out var phone) ? await phones.FindByVerifiedPhoneAsync(phone, cancellationToken) : null;

    /// <summary>Answers a text or a spoken command from <paramref name="from"/>.</summary>
    public async Task<PhoneAnswer> HandleAsync(string? from, string? text, NotificationChannel channel, CancellationToken cancellationToken = default)
    {
        if (!PhoneNumbers.TryNormalize(from, out var phone))
        {
            return new PhoneAnswer(false, UnknownNumber);
        }
        if (channel == NotificationChannel.Sms && VerificationCodes.Extract(text) is { } code
            && await verification.VerifyFromPhoneAsync(phone, code, cancellationToken) is { Status: not PhoneVerificationStatus.NoPendingCode } checkedCode)
        {
            return new PhoneAnswer(checkedCode.Succeeded, VerificationReply(checkedCode));
        }
        var user = await phones.FindByVerifiedPhoneAsync(phone, cancellationToken);
        if (user is null)
        {
            LogRefused(logger, PhoneNumbers.Mask(phone), channel.ToString());
            return new PhoneAnswer(false, UnknownNumber);
        }
        if (user.Disabled)
        {
            LogDisabled(logger, user.Id, channel.ToString());
            return new PhoneAnswer(false, DisabledAccounts.Refusal(user.Id));
        }
        var reply = await processor.ProcessAsync(text ?? "", new CommandCaller(user, channel, phone), cancellationToken);
        return new PhoneAnswer(true, reply.Text, reply.Changed);
    }

    private static string VerificationReply(PhoneVerificationResult result) => result.Status switch
    {
        PhoneVerificationStatus.Ok or PhoneVerificationStatus.AlreadyVerified =>
            $"Phone verified for {result.UserId}. You can now text commands, e.g. 'list objects' or 'help'.",
        PhoneVerificationStatus.WrongCode => $"That code doesn't match. {result.AttemptsLeft} tries left.",
        PhoneVerificationStatus.Expired => "That code has expired. Ask for a new one in the app.",
        PhoneVerificationStatus.TooManyAttempts => "Too many wrong codes. Ask for a new one in the app.",
        PhoneVerificationStatus.TakenByAnotherUser => "This number is already linked to another account.",
        _ => UnknownNumber,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a {Channel} command from unverified number {Phone}")]
    private static partial void LogRefused(ILogger logger, string phone, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a {Channel} command from disabled user {UserId}")]
    private static partial void LogDisabled(ILogger logger, string userId, string channel);
}
