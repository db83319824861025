namespace DurableObjects.Shared.Users;

/// <summary>What became of a phone claim or a code check.</summary>
public enum PhoneVerificationStatus
{
    /// <summary>A claim: the code was stored and may be sent. A check: the phone is now verified.</summary>
    Ok,

    /// <summary>The number is already verified for this user; nothing to do.</summary>
    AlreadyVerified,

    /// <summary>Another user has verified this number.</summary>
    TakenByAnotherUser,

    /// <summary>A code was sent to this number moments ago; wait before asking again.</summary>
    TooSoon,

    /// <summary>No code is waiting (never asked, replaced by a newer request, or already used).</summary>
    NoPendingCode,

    /// <summary>The code is past its lifetime.</summary>
    Expired,

    /// <summary>Too many wrong codes; ask for a new one.</summary>
    TooManyAttempts,

    /// <summary>Not the code that was sent.</summary>
    WrongCode,

    /// <summary>Not a phone number (E.164, or a ten-digit North American number).</summary>
    InvalidNumber,
}
