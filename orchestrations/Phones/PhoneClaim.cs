using DurableObjects.Channels.Notifications;
using DurableObjects.Shared.Users;

namespace DurableObjects.Orchestrations.Phones;

/// <summary>The outcome of asking to verify a phone: the claim's status and, when a code went out, how it went.</summary>
/// <param name="Status">Ok when a code was stored and handed to the notification service.</param>
/// <param name="Phone">The number in E.164, when it was one.</param>
/// <param name="Delivery">Sent, or outboxed (Twilio not configured: the code is in the outbox), when a code went out.</param>
public sealed record PhoneClaim(PhoneVerificationStatus Status, string? Phone, NotificationStatus? Delivery = null);
