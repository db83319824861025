using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;

namespace DurableObjects.Orchestrations.Slack;

/// <summary>
/// A user's own Slack link, as the API offers it: what a valid request is and what each refusal says, over
/// <see cref="SlackLinkService"/> (which sends the code, checks it and audits). Every trigger gets the same rules.
/// </summary>
/// <remarks>Trust model: <c>userId</c> is the authenticated caller, who links only their own account; the member id
/// and the code are untrusted input.</remarks>
public sealed class SlackAccountService(UserAccountService users, SlackLinkService links)
{
    /// <summary>Sends a code to the Slack member. Ok (a code went out) and AlreadyLinked are successes.</summary>
    public async Task<Outcome<SlackLinkResult>> StartLinkAsync(string userId, string? slackUserId, CancellationToken cancellationToken = default)
    {
        var me = await users.GetAsync(userId, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var result = await links.StartAsync(me.Value!, slackUserId, cancellationToken);
        return result.Status switch
        {
            SlackLinkStatus.Ok or SlackLinkStatus.AlreadyLinked => Outcome<SlackLinkResult>.Ok(result),
            SlackLinkStatus.InvalidMemberId => OperationError.InvalidField("slackUserId", "A Slack member id, e.g. U0123ABCD (Profile, then Copy member ID)."),
            SlackLinkStatus.TakenByAnotherUser => Outcome<SlackLinkResult>.Fail(ErrorKind.Conflict, "That Slack account is linked to another user."),
            SlackLinkStatus.TooSoon => Outcome<SlackLinkResult>.Fail(ErrorKind.TooManyRequests, "A code was sent moments ago; wait half a minute before asking again."),
            _ => Outcome<SlackLinkResult>.Fail(ErrorKind.Invalid, "The Slack account could not be linked."),
        };
    }

    /// <summary>Confirms the link with the code the member received.</summary>
    public async Task<Outcome<SlackLinkResult>> VerifyLinkAsync(string userId, string? code, CancellationToken cancellationToken = default)
    {
        if (VerificationCodes.Extract(code) is null)
        {
            return OperationError.InvalidField("code", "The 6-digit code from the Slack message.");
        }
        var result = await links.VerifyAsync(userId, code, cancellationToken);
        return result.Status switch
        {
            SlackLinkStatus.Ok or SlackLinkStatus.AlreadyLinked => Outcome<SlackLinkResult>.Ok(result),
            SlackLinkStatus.WrongCode => OperationError.InvalidField("code", $"That is not the code that was sent. {result.AttemptsLeft} attempt(s) left."),
            SlackLinkStatus.Expired => Outcome<SlackLinkResult>.Fail(ErrorKind.Gone, "The code has expired; ask for a new one with PUT /api/me/slack."),
            SlackLinkStatus.TooManyAttempts => Outcome<SlackLinkResult>.Fail(ErrorKind.TooManyRequests, "Too many wrong codes; ask for a new one with PUT /api/me/slack."),
            SlackLinkStatus.TakenByAnotherUser => Outcome<SlackLinkResult>.Fail(ErrorKind.Conflict, "That Slack account is linked to another user."),
            _ => Outcome<SlackLinkResult>.Fail(ErrorKind.Conflict, "No code is waiting; ask for one with PUT /api/me/slack."),
        };
    }
}
