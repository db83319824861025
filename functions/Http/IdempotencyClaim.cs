namespace DurableObjects.Functions.Http;

/// <summary>What claiming an Idempotency-Key found: the request may run (<see cref="IdempotencyClaimKind.Acquired"/>,
/// with the reservation to complete), or it must not, and why. <see cref="TakenOver"/>: the request runs after an
/// earlier attempt of it whose outcome is unknown (it answered 5xx, or its lease ran out), so what that attempt may have
/// created must be looked for before creating it again.</summary>
public sealed record IdempotencyClaim(IdempotencyClaimKind Kind, IdempotencyRecord Record, bool TakenOver = false);
