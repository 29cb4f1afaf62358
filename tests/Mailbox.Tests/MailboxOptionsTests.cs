namespace SosepBot.Mailbox.Tests;

/// <summary>appsettings.json ships Imap:UserName as ""; an empty login must mean "the mailbox address".</summary>
public sealed class MailboxOptionsTests
{
    [Theory]
    [InlineData(null, "helpdesk@sosep.test")]
    [InlineData("", "helpdesk@sosep.test")]
    [InlineData("  ", "helpdesk@sosep.test")]
    [InlineData("soporte", "soporte")]
    public void ImapLogin_UserNameEmptyOrGiven_FallsBackToTheAddress(string? userName, string expected)
    {
        var options = new MailboxOptions { Address = "helpdesk@sosep.test" };
        options.Imap.UserName = userName;

        Assert.Equal(expected, options.ImapLogin);
    }
}
