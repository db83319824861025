namespace DurableObjects.Orchestrations.Phones;

/// <summary>Phone verification limits (section <c>Phones</c>).</summary>
public sealed class PhoneVerificationOptions
{
    public const string Section = "Phones";

    /// <summary>How long a code works.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes allowed before a new code must be asked for.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The least time between two codes sent to one number.</summary>
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromSeconds(30);
}
