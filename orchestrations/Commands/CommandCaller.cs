using DurableObjects.Channels.Notifications;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// Who sent a command and where the answer goes: the identified user, the channel the command came on (sms or
/// voice) and the address on it (their verified phone). Later results (a run's outcome) go to the same place.
/// </summary>
public sealed record CommandCaller(UserAccount User, NotificationChannel Channel, string Address)
{
    /// <summary>The user as the services and the run launcher see them: the same authorization as the HTTP API.</summary>
    public Actor Actor => new(User.Id, User.Role);

    /// <summary>True when the answer will be spoken (&lt;Say&gt;), not read.</summary>
    public bool Spoken => Channel == NotificationChannel.Voice;
}
