using DurableObjects.Shared.Users;

namespace DurableObjects.Orchestrations.Phones;

/// <summary>A phone claim that was taken on: the user, and the claim (Ok: a code went out; AlreadyVerified: nothing
/// to do).</summary>
public sealed record PhoneClaimStarted(UserAccount User, PhoneClaim Claim);
