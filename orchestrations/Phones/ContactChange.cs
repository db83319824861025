namespace DurableObjects.Orchestrations.Phones;

/// <summary>A change of contact details: null leaves a field as it is, "" clears it.</summary>
/// <param name="Email">An email address.</param>
/// <param name="Slack">A Slack channel or member id.</param>
/// <param name="PreferredChannel">One of the personal channels (sms, voice, email, slack).</param>
public sealed record ContactChange(string? Email, string? Slack, string? PreferredChannel);
