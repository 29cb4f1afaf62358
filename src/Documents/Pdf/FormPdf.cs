using System.Globalization;
using PdfSharp.Drawing;
using SosepBot.Core.Procedures.Catalog;
using SosepBot.Core.Requests;
using SosepBot.Documents.Model;

namespace SosepBot.Documents.Pdf;

/// <summary>The manual's forms DI-Frm_001 … DI-Frm_004 (Anexos), laid out as the manual shows them and filled from the request.</summary>
internal static class FormPdf
{
    private const string Policy =
        "Por este medio en cumplimiento con las políticas vigentes (11-4-2012 oficio 021-2012 Secretaría), por el uso de los recursos " +
        "informáticos de esta secretaría, solicito para la persona antes descrita los beneficios siguientes:";

    private static readonly string[] Notes =
    [
        "Adjuntar toda la documentación necesaria a esta forma, para especificar los cambios que necesita en el sistema.",
        "La solicitud debe traer todas las justificaciones de los cambios solicitados.",
        "La solicitud debe venir firmada y sellada por el Director del Departamento o Unidad.",
        "El director entiende y asume la responsabilidad del riesgo de los cambios solicitados en esta solicitud.",
        "La Dirección Informática evalúa la solicitud y toma la decisión si el cambio es válido o no en base a los recursos, diseño y programación de los sistemas de SOSEP.",
    ];

    public static (string Title, string Subtitle) Titles(string formCode) => formCode switch
    {
        FormCatalog.Modulos => ("Formulario de creación y/o mantenimiento de módulos", "Módulos de Sistemas de Información"),
        FormCatalog.UsuariosModulos => ("Formulario de Creación y/o Actualización de usuarios de sistemas", "Usuarios en Módulos de Sistemas de Información"),
        FormCatalog.CorreoInternet => ("Formulario de Creación y/o Actualización de cuentas de correo institucional", "Internet, y/o Correo Electrónico Institucional"),
        FormCatalog.SigesSicoin => ("Formulario de Creación y/o Actualización de cuentas de usuarios SIGES/SICOIN", "SIGES / SICOIN"),
        _ => throw new ArgumentOutOfRangeException(nameof(formCode), formCode, "Unknown form."),
    };

    public static byte[] Render(FormDocumentData d, DateTimeOffset now)
    {
        var f = d.Form;
        var code = f.FormCode!;
        var (title, subtitle) = Titles(code);
        var accounts = code is FormCatalog.CorreoInternet or FormCatalog.SigesSicoin;
        using var sheet = new PdfSheet(d.Stamp, $"{code} {d.Stamp.Number}", title, now);
        sheet.Letterhead("Dirección de Informática", title, null);

        sheet.Row(24,
            ("Vigencia / Versión", FormCatalog.Version.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), 0.25),
            ("Formato", code, 0.25),
            (string.Empty, subtitle, 0.5));
        sheet.Row(24,
            ("Fecha Solicitud", d.RequestDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), 0.34),
            ("Fecha recepción", null, 0.33),
            ("No.", d.Stamp.Number, 0.33));

        // The block with the kind of change: Módulo (001, 002) or Director(a) / Jefe(a) (003, 004), then unit and programme.
        var top = sheet.Y;
        var leftWidth = sheet.ContentWidth * 0.7;
        sheet.Need(72);
        sheet.Cell(sheet.Left, top, leftWidth, 24, accounts ? "Director(a) / Jefe(a)" : "Módulo o Sistema", accounts ? f.DirectorOrHead : f.ModuleOrSystem);
        sheet.Cell(sheet.Left, top + 24, leftWidth, 24, "Unidad Operativa", f.OperationalUnit);
        sheet.Cell(sheet.Left, top + 48, leftWidth, 24, "Programa / Sede / Dirección", f.ProgramSiteDirection);
        var boxX = sheet.Left + leftWidth;
        var boxW = sheet.ContentWidth - leftWidth;
        sheet.G.DrawRectangle(PdfSheet.Line, boxX, top, boxW, 72);
        sheet.CheckBox(boxX + 10, top + 10, f.ChangeKind == ChangeKind.Nuevo, "Nuevo");
        sheet.CheckBox(boxX + 10, top + 30, f.ChangeKind == ChangeKind.Actualizacion, "Actualización");
        if (code != FormCatalog.Modulos)
        {
            sheet.CheckBox(boxX + 10, top + 50, f.ChangeKind == ChangeKind.Baja, "Baja");
        }

        sheet.Y = top + 72;
        sheet.Band("Funcionario * (Información obligatoria)        ** Adjuntar Foto/Copia de CUI");
        sheet.Row(24, ("Nombres Completos *", f.FirstNames, 0.6), ("NIT *", f.Nit, 0.4));
        sheet.Row(24, ("Apellidos Completos *", f.LastNames, 0.6), ("CUI **", f.Cui, 0.4));
        if (code == FormCatalog.UsuariosModulos)
        {
            sheet.Row(24, ("Correo Institucional", f.InstitutionalEmail, 0.6), ("Perfil que tendrá", f.Profile, 0.4));
        }
        else
        {
            sheet.Row(24, ("Correo Institucional", f.InstitutionalEmail, 1.0));
        }

        sheet.Row(24, ("Cargo / Puesto", f.JobTitle, 1.0));

        switch (code)
        {
            case FormCatalog.CorreoInternet:
                Benefits(sheet, f,
                [
                    (f.InternetAccess == InternetAccess.PaginasDeGobierno, "Páginas de Gobierno (*.gob.gt) / éstas ya están incluidas"),
                    (f.InternetAccess == InternetAccess.SinSocialSinStreaming, "Sin Social Sin Streaming"),
                    (f.InternetAccess == InternetAccess.NavegacionTotal, "Navegación Total"),
                ]);
                sheet.Row(40, ("Permisos Especiales", f.SpecialPermissions, 1.0));
                break;
            case FormCatalog.SigesSicoin:
                Benefits(sheet, f, [(f.SicoinAccount, "Cuenta SICOIN"), (f.SigesAccount, "Cuenta SIGES")]);
                sheet.Signatures(56, ("Firma Solicitante (acepta)", Name(f)));
                break;
            default:
                sheet.Band("Descripción de Solicitud:");
                sheet.Paragraph(Join(d.Description, f.Justification), sheet.Text, minHeight: 54, boxed: true);
                break;
        }

        var director = accounts ? "Autorización Director(a) / Jefe(a)" : "Autorización Director(a)";
        SignatureGrid(sheet, director, Name(f));

        sheet.Need(80);
        sheet.Y += 6;
        sheet.G.DrawString("Nota:", sheet.Label, XBrushes.Black, new XRect(sheet.Left, sheet.Y, 100, 10), XStringFormats.TopLeft);
        sheet.Y += 10;
        sheet.Paragraph(string.Join("\n", Notes.Select(n => "- " + n)), sheet.Small);
        return sheet.Save();
    }

    private static void Benefits(PdfSheet sheet, FormData f, (bool Marked, string Label)[] options)
    {
        sheet.Need(40 + (options.Length * 16));
        sheet.Y += 4;
        sheet.Paragraph(Policy, sheet.Small);
        var top = sheet.Y;
        var typeW = 40.0;
        var accessW = (sheet.ContentWidth - typeW) * 0.5;
        var justW = sheet.ContentWidth - typeW - accessW;
        sheet.G.DrawRectangle(PdfSheet.Shade, sheet.Left, top, sheet.ContentWidth, 13);
        foreach (var (x, w, label) in new[] { (sheet.Left, typeW, "Tipo"), (sheet.Left + typeW, accessW, "Acceso"), (sheet.Left + typeW + accessW, justW, "Justificación") })
        {
            sheet.G.DrawRectangle(PdfSheet.Line, x, top, w, 13);
            sheet.G.DrawString(label, sheet.Label, XBrushes.Black, new XRect(x + 3, top + 2, w - 6, 10), XStringFormats.TopLeft);
        }

        var y = top + 13;
        var rowsHeight = options.Length * 16;
        foreach (var (marked, label) in options)
        {
            sheet.G.DrawRectangle(PdfSheet.Line, sheet.Left, y, typeW, 16);
            sheet.G.DrawRectangle(PdfSheet.Line, sheet.Left + typeW, y, accessW, 16);
            sheet.CheckBox(sheet.Left + 15, y + 3.5, marked, string.Empty);
            sheet.G.DrawString(label, sheet.Text, XBrushes.Black, new XRect(sheet.Left + typeW + 3, y + 3, accessW - 6, 11), XStringFormats.TopLeft);
            y += 16;
        }

        sheet.Cell(sheet.Left + typeW + accessW, top + 13, justW, rowsHeight, string.Empty, f.Justification);
        sheet.Y = y;
    }

    /// <summary>The manual's signature grid: requester | Dirección Informática | comments; director | Vo.Bo. Gestión; each with its date.</summary>
    private static void SignatureGrid(PdfSheet sheet, string directorLabel, string? requester)
    {
        sheet.Need(128);
        sheet.Y += 8;
        var top = sheet.Y;
        var w = sheet.ContentWidth / 3;
        void Box(double x, double y, string label, string? name)
        {
            sheet.G.DrawRectangle(PdfSheet.Line, x, y, w, 48);
            sheet.G.DrawString(label, sheet.Label, XBrushes.Black, new XRect(x + 3, y + 2, w - 6, 10), XStringFormats.TopLeft);
            if (name is not null)
            {
                sheet.G.DrawString(name, sheet.Small, XBrushes.Black, new XRect(x + 3, y + 37, w - 6, 10), XStringFormats.TopCenter);
            }

            sheet.G.DrawRectangle(PdfSheet.Line, x, y + 48, w, 14);
            sheet.G.DrawString("Fecha", sheet.Label, XBrushes.Black, new XRect(x + 3, y + 50, w - 6, 10), XStringFormats.TopLeft);
        }

        Box(sheet.Left, top, "Firma Solicitante:", requester);
        Box(sheet.Left + w, top, "Dirección Informática", null);
        Box(sheet.Left, top + 62, directorLabel, null);
        Box(sheet.Left + w, top + 62, "Vo.Bo. Gestión", null);
        sheet.G.DrawRectangle(PdfSheet.Line, sheet.Left + (2 * w), top, w, 124);
        sheet.G.DrawString("Comentarios", sheet.Label, XBrushes.Black, new XRect(sheet.Left + (2 * w) + 3, top + 2, w - 6, 10), XStringFormats.TopLeft);
        sheet.Y = top + 124;
    }

    private static string? Name(FormData f) =>
        string.IsNullOrWhiteSpace(f.FirstNames) ? null : $"{f.FirstNames} {f.LastNames}".Trim();

    private static string? Join(string? a, string? b) =>
        string.Join("\n", new[] { a, b }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } s ? s : null;
}
