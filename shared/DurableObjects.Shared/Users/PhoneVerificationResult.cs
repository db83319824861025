namespace DurableObjects.Shared.Users;

/// <summary>The outcome of a phone claim or code check: the status, the user and number concerned, attempts left.</summary>
public sealed record PhoneVerificationResult(PhoneVerificationStatus Status, string? UserId = null, string? Phone = null, int AttemptsLeft = 0)
{
    public bool Succeeded => Status is PhoneVerificationStatus.Ok or PhoneVerificationStatus.AlreadyVerified;
}
