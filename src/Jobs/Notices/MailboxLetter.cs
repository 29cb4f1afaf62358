namespace SosepBot.Jobs.Notices;

/// <summary>A notice's message to a mailbox that is no registered person (a unit's shared mailbox): sent by mail only.</summary>
/// <param name="Address">The e-mail address.</param>
/// <param name="Subject">Subject.</param>
/// <param name="Text">Plain-text body in Spanish, greeting included.</param>
public sealed record MailboxLetter(string Address, string Subject, string Text);
