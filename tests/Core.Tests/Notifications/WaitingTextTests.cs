using SosepBot.Core.Notifications;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Tests.Notifications;

/// <summary>«Le espera» says what this person may do and by when, whoever of the step's parties they are.</summary>
public sealed class WaitingTextTests
{
    private static readonly TimeZoneInfo Guatemala = TimeZoneInfo.FindSystemTimeZoneById("America/Guatemala");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly ProcedureDefinition Ticket = new ProcedureCatalog().Get(ProcedureCodes.SoporteTecnico);

    [Fact]
    public void Offer_TechnicianOfAnOpenTicket_SaysWhatTheyMayDoAndTheDeadline()
    {
        var offer = WaitingText.Offer(Opened(Now.AddHours(4)), [Ticket.Transition("tomar")!], Guatemala, Now);

        Assert.Equal("Usted puede tomar el ticket; el plazo de este paso vence el lunes 2 de marzo, 13:00.", offer);
    }

    [Fact]
    public void Offer_TwoActionsPastTheDeadline_SaysItExpired()
    {
        var offer = WaitingText.Offer(Opened(Now.AddHours(-1)), [Ticket.Transition("asignar")!, Ticket.Transition("anular")!], Guatemala, Now);

        Assert.Equal("Usted puede asignar técnico o anular el ticket; el plazo de este paso venció el lunes 2 de marzo, 08:00.", offer);
    }

    [Fact]
    public void Offer_NoDeadlineAndNoActionOfTheirs_IsStillASentence()
    {
        Assert.Equal("Usted puede responder al técnico.", WaitingText.Offer(Opened(null), [Ticket.Transition("responder")!], Guatemala, Now));
        Assert.Equal("Se necesita su intervención.", WaitingText.Offer(Opened(null), [], Guatemala, Now));
    }

    private static Request Opened(DateTimeOffset? due) => new()
    {
        Number = "UI-2026-00042", ProcedureCode = ProcedureCodes.SoporteTecnico, State = "Abierto", Title = "La impresora no imprime", DueAt = due,
    };
}
