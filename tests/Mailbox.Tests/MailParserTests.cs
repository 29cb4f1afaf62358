using System.Text;
using MimeKit;
using SosepBot.Mailbox.Parsing;

namespace SosepBot.Mailbox.Tests;

public sealed class MailParserTests
{
    private static readonly MailboxOptions Options = new() { Address = "helpdesk@sosep.gob.gt", AllowedDomains = ["sosep.gob.gt"], TrustedAuthServId = "mx.sosep.gob.gt" };

    private static ParsedMail Parse(string raw)
    {
        MailEncodings.Register();
        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(raw.Replace("\n", "\r\n", StringComparison.Ordinal)));
        return MailParser.Parse(MimeMessage.Load(stream), Options);
    }

    [Fact]
    public void Parse_Latin1BodyAndEncodedWordSubject_DecodesSpanishAccents()
    {
        var mail = Parse("""
            From: =?ISO-8859-1?Q?Jos=E9_Pe=F1a?= <jose.pena@sosep.gob.gt>
            To: helpdesk@sosep.gob.gt
            Subject: =?ISO-8859-1?Q?Reparaci=F3n_del_monitor_de_recepci=F3n?=
            Message-ID: <a1@pc>
            Content-Type: text/plain; charset=ISO-8859-1
            Content-Transfer-Encoding: 8bit

            El monitor de recepción no enciende; la señal se perdió.
            """);

        Assert.Equal("Reparación del monitor de recepción", mail.Subject);
        Assert.Equal("José Peña", mail.FromName);
        Assert.Equal("jose.pena@sosep.gob.gt", mail.FromAddress);
        Assert.Equal("El monitor de recepción no enciende; la señal se perdió.", mail.Text);
        Assert.Null(mail.AutomaticReason);
    }

    [Fact]
    public void Parse_Windows1252QuotedPrintable_DecodesCurlyQuotesAndAccents()
    {
        var mail = Parse("""
            From: ana@sosep.gob.gt
            To: helpdesk@sosep.gob.gt
            Subject: =?windows-1252?B?U29saWNpdHVkIGRlIGFjY2Vzbw==?=
            Content-Type: text/plain; charset=windows-1252
            Content-Transfer-Encoding: quoted-printable

            El sistema dice =93contrase=F1a inv=E1lida=94.
            """);

        Assert.Equal("Solicitud de acceso", mail.Subject);
        Assert.Equal("El sistema dice “contraseña inválida”.", mail.Text);
    }

    [Fact]
    public void Parse_HtmlOnly_ConvertsToTextWithoutScriptsOrTags()
    {
        var mail = Parse("""
            From: ana@sosep.gob.gt
            To: helpdesk@sosep.gob.gt
            Subject: Pantalla azul
            Content-Type: text/html; charset=utf-8

            <html><head><style>p{color:red}</style><script>alert('x')</script></head>
            <body><p>La computadora muestra <b>pantalla azul</b> &amp; se reinicia.</p><ul><li>Equipo: Dell</li><li>Nivel 2</li></ul>
            <img src="http://rastreo.example/pixel.gif"></body></html>
            """);

        Assert.Equal("La computadora muestra pantalla azul & se reinicia.\n\n- Equipo: Dell\n- Nivel 2", mail.Text);
    }

    [Theory]
    [InlineData("Gracias, ya funciona.\n\nEl lun, 2 mar 2026 a las 9:00, Mesa de ayuda <helpdesk@sosep.gob.gt> escribió:\n> Recibimos su solicitud")]
    [InlineData("Gracias, ya funciona.\n\nOn Mon, Mar 2, 2026 at 9:00 AM Mesa de ayuda <helpdesk@sosep.gob.gt>\nwrote:\n> We got it")]
    [InlineData("Gracias, ya funciona.\n\n________________________________\nDe: Mesa de ayuda <helpdesk@sosep.gob.gt>\nEnviado: lunes, 2 de marzo de 2026 9:00\nPara: Ana\nAsunto: [UI-2026-00001]")]
    [InlineData("Gracias, ya funciona.\n\nFrom: Mesa de ayuda <helpdesk@sosep.gob.gt>\nSent: Monday, March 2, 2026 9:00 AM\nTo: Ana")]
    [InlineData("Gracias, ya funciona.\n-----Mensaje original-----\nDe: helpdesk")]
    [InlineData("Gracias, ya funciona.\n> línea citada\n>> otra")]
    public void Strip_QuotedHistory_KeepsOnlyTheNewText(string body) =>
        Assert.Equal("Gracias, ya funciona.", QuoteStripper.Strip(body));

    [Theory]
    [InlineData("RE: [UI-2026-00042] Su solicitud está en «Asignado»", "UI-2026-00042")]
    [InlineData("RV: RES: Fwd: ENC: Re: ui-2026-42 impresora", "UI-2026-00042")]
    [InlineData("Impresora sin número", null)]
    public void NumberInSubject_PrefixesAndForms_FindsTheNumber(string subject, string? number) =>
        Assert.Equal(number, ThreadTokens.NumberInSubject(subject));

    [Fact]
    public void CleanSubject_RepeatedPrefixesAndToken_AreRemoved() =>
        Assert.Equal("Monitor dañado", ThreadTokens.CleanSubject("RE: RV: RES: [UI-2026-00007] Monitor dañado"));

    [Fact]
    public void NumberInReferences_OnlyOurOwnDomain_Counts()
    {
        var ours = ThreadTokens.MessageIdFor("UI-2026-00042", "ev:1:2:estado", "sosep.gob.gt");
        Assert.Equal("UI-2026-00042", ThreadTokens.NumberInReferences(["<x@gmail.com>", $"<{ours}>"], "sosep.gob.gt"));
        Assert.Null(ThreadTokens.NumberInReferences(["<UI-2026-00042.abcdef@evil.example>"], "sosep.gob.gt"));
    }

    [Theory]
    [InlineData("Subject: Respuesta automática: Impresora\n", "auto-subject")]
    [InlineData("Subject: Fuera de la oficina\n", "auto-subject")]
    [InlineData("Subject: Out of Office: printer\n", "auto-subject")]
    [InlineData("Subject: Hola\nAuto-Submitted: auto-replied\n", "auto-submitted")]
    [InlineData("Subject: Hola\nAuto-Submitted: no\n", null)]
    [InlineData("Subject: Hola\nX-Auto-Response-Suppress: OOF, AutoReply\n", "auto-response-suppress")]
    [InlineData("Subject: Hola\nPrecedence: bulk\n", "precedence")]
    [InlineData("Subject: Hola\nList-Id: <lista.sosep.gob.gt>\n", "list")]
    [InlineData("Subject: Hola\nReturn-Path: <>\n", "bounce")]
    [InlineData("Subject: Hola\nX-SosepBot-Loop: sosep.gob.gt\n", "loop")]
    [InlineData("Subject: Hola\n", null)]
    public void AutomaticReason_Headers_AreRecognised(string headers, string? reason)
    {
        var mail = Parse("From: ana@sosep.gob.gt\nTo: helpdesk@sosep.gob.gt\n" + headers + "Content-Type: text/plain\n\nTexto\n");
        Assert.Equal(reason, mail.AutomaticReason);
    }

    [Fact]
    public void AutomaticReason_OurOwnAddressOrMailerDaemon_IsAutomatic()
    {
        Assert.Equal("loop", Parse("From: helpdesk@sosep.gob.gt\nSubject: x\n\nx\n").AutomaticReason);
        Assert.Equal("bounce", Parse("From: MAILER-DAEMON@mx.sosep.gob.gt\nSubject: x\n\nx\n").AutomaticReason);
    }

    [Theory]
    [InlineData("mx.sosep.gob.gt; spf=fail smtp.mailfrom=otro.example; dkim=pass", "spf")]
    [InlineData("mx.sosep.gob.gt; spf=pass; dkim=fail header.d=sosep.gob.gt", "dkim")]
    [InlineData("mx.sosep.gob.gt; spf=pass; dkim=pass; dmarc=fail", "dmarc")]
    [InlineData("mx.sosep.gob.gt; spf=pass; dkim=pass", null)]
    [InlineData("forjado.example; spf=fail", null)]
    public void AuthenticationFailure_OnlyOurServersVerdict_Counts(string results, string? failure) =>
        Assert.Equal(failure, Parse($"From: ana@sosep.gob.gt\nSubject: x\nAuthentication-Results: {results}\n\nx\n").AuthenticationFailure);

    [Fact]
    public void Parse_Attachments_AreExtractedWithNameAndType()
    {
        var message = MailEnvironment.Mail("ana@sosep.gob.gt", "helpdesk@sosep.gob.gt", "Foto del equipo", "Adjunto la foto.");
        var builder = new BodyBuilder { TextBody = "Adjunto la foto." };
        builder.Attachments.Add("equipo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0], new ContentType("image", "png"));
        message.Body = builder.ToMessageBody();

        var mail = MailParser.Parse(message, Options);

        var file = Assert.Single(mail.Attachments);
        Assert.Equal("equipo.png", file.FileName);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal(12, file.Content.Length);
    }
}
