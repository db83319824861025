namespace DurableObjects.Orchestrations.Slack;

/// <summary>How linking a Slack member to a user went.</summary>
public enum SlackLinkStatus
{
    Ok,
    AlreadyLinked,
    InvalidMemberId,
    TakenByAnotherUser,
    TooSoon,
    NoPendingCode,
    WrongCode,
    Expired,
    TooManyAttempts,
}
