namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// What to tell a phone: the text, whether the caller was a verified user (else it is a refusal), and whether the
/// command changed something (only then is a repeated delivery of the same message answered from memory).
/// </summary>
public sealed record PhoneAnswer(bool Identified, string Text, bool Changed = false);
