namespace DurableObjects.Functions.Http;

/// <summary>What claiming an Idempotency-Key found: the request may run (<see cref="IdempotencyClaimKind.Acquired"/>,
/// with the reservation to complete), or it must not, and why.</summary>
public sealed record IdempotencyClaim(IdempotencyClaimKind Kind, IdempotencyRecord Record);
