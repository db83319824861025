namespace DurableObjects.Channels.Email;

/// <summary>An email to one recipient, with a text body and an optional HTML body.</summary>
/// <param name="To">Recipient address.</param>
/// <param name="Subject">Subject line.</param>
/// <param name="TextBody">Plain-text body (always sent).</param>
/// <param name="HtmlBody">HTML body; the caller is responsible for escaping any user text in it.</param>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);
