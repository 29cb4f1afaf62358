using System.Net;
using SosepBot.Core.People;

namespace SosepBot.Bot.Tests.Api;

/// <summary>The mail quarantine endpoints: IT staff only, Spanish refusals. (Held mail itself is tested in Mailbox.Tests.)</summary>
public sealed class MailQuarantineApiTests : IAsyncLifetime
{
    private readonly SosepApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task List_ByPlainUser_Is403InSpanish()
    {
        var user = await _factory.ClientForAsync("Ana Pérez");

        var response = await user.GetAsync(new Uri("/api/mail/quarantine", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("personal de la Unidad de Informática", (await response.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ByStaffWithNothingHeld_IsEmpty()
    {
        var staff = await _factory.ClientForAsync("Rosa Díaz", Role.InfraHead);

        var response = await staff.GetAsync(new Uri("/api/mail/quarantine?status=Held", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.ReadJsonAsync()).AsArray());
    }

    [Fact]
    public async Task Release_Unknown_Is404AndBadStatusIs422()
    {
        var staff = await _factory.ClientForAsync("Rosa Díaz", Role.InfraHead);

        var release = await staff.PostAsync(new Uri("/api/mail/quarantine/999/release", UriKind.Relative), null);
        var list = await staff.GetAsync(new Uri("/api/mail/quarantine?status=Perdido", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, release.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, list.StatusCode);
    }

    [Fact]
    public async Task List_WithoutKey_Is401()
    {
        var response = await _factory.CreateClient().GetAsync(new Uri("/api/mail/quarantine", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
