using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Attachments;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>Inputs and small helpers shared by the service tests.</summary>
internal static class ServiceData
{
    /// <summary>Guatemala's offset (no daylight saving time).</summary>
    public static readonly TimeSpan Guatemala = TimeSpan.FromHours(-6);

    /// <summary>A valid NIT, written without its dash, and its normalised form.</summary>
    public const string Nit = "16693949";

    public const string NitNormalized = "1669394-9";

    /// <summary>A valid CUI (check digit 9, department 01, municipality 01), with separators, and its normalised form.</summary>
    public const string Cui = "1234 56789 0101";

    public const string CuiNormalized = "1234567890101";

    public static DateTimeOffset LocalTime(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Guatemala);

    public static NewRequest Ticket(string title = "Mi impresora no imprime") =>
        new() { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = title };

    public static NewRequest Opinion(EquipmentData? equipment = null) => new()
    {
        ProcedureCode = ProcedureCodes.DictamenTecnico,
        Title = "Dictamen de la computadora de recepción",
        Equipment = equipment,
    };

    /// <summary>A DI-Frm_003 with every field the form has, some with padding and mixed case to be normalised.</summary>
    public static FormData DomainAccountForm() => new()
    {
        FormCode = "DI-Frm_003",
        ChangeKind = ChangeKind.Nuevo,
        ModuleOrSystem = "Correo institucional",
        OperationalUnit = "  Dirección Administrativa ",
        ProgramSiteDirection = "Sede central",
        DirectorOrHead = "Lic. Carlos Méndez",
        FirstNames = "María José",
        LastNames = "Pérez Xicará",
        Nit = Nit,
        Cui = Cui,
        InstitutionalEmail = "Maria.Perez@SOSEP.gob.gt",
        JobTitle = "Asistente administrativa",
        Profile = "Usuario estándar",
        InternetAccess = InternetAccess.NavegacionTotal,
        SpecialPermissions = "Carpeta compartida de Compras",
        SicoinAccount = false,
        SigesAccount = true,
        Justification = "Consulta portales de proveedores que no son *.gob.gt.",
    };

    /// <summary>What <see cref="DomainAccountForm"/> must read back as.</summary>
    public static FormData DomainAccountFormNormalized()
    {
        var form = DomainAccountForm();
        form.OperationalUnit = "Dirección Administrativa";
        form.Nit = NitNormalized;
        form.Cui = CuiNormalized;
        form.InstitutionalEmail = "maria.perez@sosep.gob.gt";
        return form;
    }

    public static EquipmentData FullEquipment(string serial = "5CD1234XYZ") => new()
    {
        Kind = "Equipo informático",
        Brand = "HP",
        Model = "ProDesk 400 G6",
        Colour = "Negro",
        SerialNumber = serial,
        AssetNumber = "SOSEP-0042-2019",
        Findings = "Disco duro con sectores dañados.",
        Diagnosis = "No es económicamente reparable.",
    };

    /// <summary>A PDF-looking file of <paramref name="size"/> bytes: the signature, then deterministic filler.</summary>
    public static byte[] Pdf(int size, int seed = 1) => Signed("%PDF-1.7\n"u8, size, seed);

    public static byte[] Jpeg(int size, int seed = 2) => Signed([0xFF, 0xD8, 0xFF, 0xE0], size, seed);

    /// <summary>A Windows executable's first bytes ("MZ").</summary>
    public static byte[] Executable(int size, int seed = 3) => Signed("MZ\u0090\0"u8, size, seed);

    public static async Task<string> EmailAsync(this TestDatabase db, Actor actor)
    {
        var person = await db.InScopeAsync(sp => sp.GetRequiredService<PeopleService>().FindAsync(actor.PersonId, CancellationToken.None));
        return person!.Email;
    }

    /// <summary>Every file under the attachments directory (none when it does not exist).</summary>
    public static string[] StoredFiles(this TestDatabase db) =>
        Directory.Exists(db.AttachmentsDirectory)
            ? Directory.GetFiles(db.AttachmentsDirectory, "*", SearchOption.AllDirectories)
            : [];

    /// <summary>
    /// True when <paramref name="needle"/> occurs in the database's files: SQLite's file and write-ahead log; on
    /// PostgreSQL, the text of every row of every table of the test's database (a dump through SQL).
    /// </summary>
    public static bool StoredDataContains(this TestDatabase db, byte[] needle)
    {
        if (db.Provider == Core.Persistence.DatabaseProvider.PostgreSql)
        {
            return PostgreSqlRowsContain(db, needle);
        }

        var file = new SqliteConnectionStringBuilder(db.ConnectionString).DataSource;
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool PostgreSqlRowsContain(TestDatabase db, byte[] needle)
    {
        using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = new Npgsql.NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = Encoding.UTF8.GetString(needle);
        var hex = Convert.ToHexStringLower(needle);
        foreach (var table in tables)
        {
            using var rows = new Npgsql.NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                var row = reader.GetString(0);
                if (row.Contains(text, StringComparison.Ordinal) || row.Contains(hex, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static async Task<AttachmentView> AttachAsync(
        this TestDatabase db, Actor actor, string number, AttachmentKind kind, string fileName, string contentType, byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        return await db.Requests(s => s.Files.AttachAsync(actor, number, kind, fileName, contentType, stream, CancellationToken.None));
    }

    private static byte[] Signed(ReadOnlySpan<byte> signature, int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        signature[..Math.Min(signature.Length, size)].CopyTo(bytes);
        return bytes;
    }
}
