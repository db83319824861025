namespace DurableObjects.Orchestrations.Commands;

/// <summary>What to tell a phone: the text, and whether the caller was a verified user (else it is a refusal).</summary>
public sealed record PhoneAnswer(bool Identified, string Text);
