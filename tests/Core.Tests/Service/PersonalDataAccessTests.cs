using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Core.Tests.Procedures;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>
/// Personal data (DPI and NIT copies, signed forms) reaches the requester, the people the request names, and the
/// holders of the roles that act on that procedure — not every member of the IT unit — and every download is audited.
/// </summary>
public sealed class PersonalDataAccessTests(PersonalDataAccessTests.World world) : IClassFixture<PersonalDataAccessTests.World>
{
    public enum Outcome
    {
        Allowed,
        Refused,
        NotFound,
    }

    /// <summary>The roles that act on each procedure's steps, written out by hand from the manual (not read from the catalog).</summary>
    private static readonly Dictionary<string, Role[]> Acting = new()
    {
        [ProcedureCodes.SoporteTecnico] = [Role.InfraHead, Role.Technician],
        [ProcedureCodes.DictamenTecnico] = [Role.InfraHead, Role.Technician, Role.Assistant, Role.ItDirector, Role.Inventory],
        [ProcedureCodes.UsuarioDominio] = [Role.Assistant, Role.ServerAdmin, Role.InfraHead, Role.Technician],
        [ProcedureCodes.UsuarioBsosep] = [Role.Assistant, Role.ItDirector, Role.Dba],
        [ProcedureCodes.MantenimientoAplicaciones] = [Role.Assistant, Role.ItDirector, Role.DevHead, Role.Developer, Role.InfraHead, Role.ServerAdmin],
    };

    private static readonly AttachmentKind[] Kinds = [AttachmentKind.CopiaDpi, AttachmentKind.CopiaNit, AttachmentKind.FormularioFirmado, AttachmentKind.Otro];

    /// <summary>role × procedure × file kind, with what must happen.</summary>
    public static TheoryData<Role, string, AttachmentKind, Outcome> Matrix()
    {
        var data = new TheoryData<Role, string, AttachmentKind, Outcome>();
        foreach (var (code, acting) in Acting)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                var visible = RoleNames.ItStaff.Contains(role) || acting.Contains(role);
                foreach (var kind in Kinds)
                {
                    var personal = kind != AttachmentKind.Otro;
                    data.Add(role, code, kind, !visible ? Outcome.NotFound : personal && !acting.Contains(role) ? Outcome.Refused : Outcome.Allowed);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task OpenAttachment_ByRoleProcedureAndKind_IsAllowedOnlyToActingRolesAndAudited(Role role, string code, AttachmentKind kind, Outcome expected)
    {
        var (number, files) = world.Requests[code];
        var actor = await world.Db.PersonAsync($"Persona {role} {code} {kind}", role);
        var before = await DownloadsAsync(number);

        var attempt = await Record.ExceptionAsync(async () =>
            (await world.Db.Requests(s => s.Files.OpenAttachmentAsync(actor, number, files[kind].Id, default))).Content.Dispose());

        var after = await DownloadsAsync(number);
        switch (expected)
        {
            case Outcome.Allowed:
                Assert.Null(attempt);
                if (kind == AttachmentKind.Otro)
                {
                    Assert.Equal(before.Count, after.Count);
                }
                else
                {
                    var row = Assert.Single(after.Except(before));
                    Assert.Equal(actor.DisplayName, row.Actor);
                    Assert.Contains(files[kind].FileName, row.Detail, StringComparison.Ordinal);
                    Assert.Equal(world.Db.Time.GetUtcNow(), row.At);
                }

                break;
            case Outcome.Refused:
                var refused = Assert.IsType<DomainException>(attempt);
                Assert.Equal(ErrorKind.Forbidden, refused.Kind);
                Assert.Contains("datos personales", refused.Message, StringComparison.Ordinal);
                Assert.Equal(before.Count, after.Count);
                break;
            default:
                Assert.Equal(ErrorKind.NotFound, Assert.IsType<DomainException>(attempt).Kind);
                Assert.Equal(before.Count, after.Count);
                break;
        }
    }

    /// <summary>role × procedure with a form, for those who see the request: whether they may have its personal data.</summary>
    public static TheoryData<Role, string, bool> FormMatrix()
    {
        var data = new TheoryData<Role, string, bool>();
        foreach (var row in Matrix())
        {
            if ((AttachmentKind)row[2] == AttachmentKind.CopiaDpi && (Outcome)row[3] != Outcome.NotFound && Engine.Definition((string)row[1]).Form is not null)
            {
                data.Add((Role)row[0], (string)row[1], (Outcome)row[3] == Outcome.Allowed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormMatrix))]
    public async Task Get_FormData_IsShownExactlyToThoseWhoMayHaveTheFiles(Role role, string code, bool allowed)
    {
        var actor = await world.Db.PersonAsync($"Lector {role} {code}", role);
        var details = await world.Db.Requests(s => s.Queries.GetAsync(actor, world.Requests[code].Number, default));

        Assert.Equal(allowed, details.Form is not null);
    }

    [Fact]
    public async Task OpenAttachment_DesignatedTesterWithNoRole_GetsTheFilesAndTheDownloadIsAudited()
    {
        var db = world.Db;
        var (number, files) = world.Requests[ProcedureCodes.MantenimientoAplicaciones];
        var tester = await db.PersonAsync("Teresa Probadora");
        await Assert.ThrowsAsync<DomainException>(() => db.Requests(s => s.Files.OpenAttachmentAsync(tester, number, files[AttachmentKind.CopiaDpi].Id, default)));

        await world.NameTesterAsync(number, tester);

        (await db.Requests(s => s.Files.OpenAttachmentAsync(tester, number, files[AttachmentKind.CopiaDpi].Id, default))).Content.Dispose();
        var row = (await DownloadsAsync(number)).Last();
        Assert.Equal(("Teresa Probadora", AuditKind.Download), (row.Actor, row.Kind));
        Assert.NotNull((await db.Requests(s => s.Queries.GetAsync(tester, number, default))).Form);
    }

    [Fact]
    public async Task OpenAttachment_StaffWhoRegisteredTheRequest_GetsItAndAnotherOfTheSameRoleDoesNot()
    {
        var db = world.Db;
        var user = await db.PersonAsync("Usuario Telefono");
        var registrar = await db.PersonAsync("Diego Desarrollo", Role.Developer);
        var colleague = await db.PersonAsync("Daniela Desarrollo", Role.Developer);
        var ticket = ServiceData.Ticket() with { RequesterEmail = await db.EmailAsync(user) };
        var number = (await db.Requests(s => s.Opening.OpenAsync(registrar, ticket, default))).Summary.Number;
        var dpi = await db.AttachAsync(user, number, AttachmentKind.CopiaDpi, "dpi.pdf", "application/pdf", ServiceData.Pdf(1024));

        (await db.Requests(s => s.Files.OpenAttachmentAsync(registrar, number, dpi.Id, default))).Content.Dispose();
        var refused = await Assert.ThrowsAsync<DomainException>(() => db.Requests(s => s.Files.OpenAttachmentAsync(colleague, number, dpi.Id, default)));

        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Equal("Diego Desarrollo", Assert.Single(await DownloadsAsync(number)).Actor);
    }

    [Fact]
    public async Task History_Downloads_AreShownToItStaffOnly()
    {
        var db = world.Db;
        var (number, files) = world.Requests[ProcedureCodes.UsuarioDominio];
        var requester = world.Requester;
        (await db.Requests(s => s.Files.OpenAttachmentAsync(requester, number, files[AttachmentKind.CopiaNit].Id, default))).Content.Dispose();

        var asRequester = await db.Requests(s => s.Queries.GetAsync(requester, number, default));
        var asStaff = await db.Requests(s => s.Queries.GetAsync(world.Assistant, number, default));

        Assert.DoesNotContain(asRequester.History, h => h.Kind == AuditKind.Download);
        Assert.Contains(asStaff.History, h => h.Kind == AuditKind.Download && h.Actor == requester.DisplayName && h.Detail!.Contains("nit.pdf", StringComparison.Ordinal));
    }

    private Task<List<HistoryItem>> DownloadsAsync(string number) =>
        world.Db.Requests(async s => (await s.Queries.GetAsync(world.Administrator, number, default)).History.Where(h => h.Kind == AuditKind.Download).ToList());

    /// <summary>One database with one request of each procedure of the matrix, each holding one file of each kind.</summary>
    public sealed class World : IAsyncLifetime
    {
        public TestDatabase Db { get; private set; } = null!;

        public Actor Requester { get; private set; } = null!;

        public Actor Assistant { get; private set; } = null!;

        public Actor Administrator { get; private set; } = null!;

        public Dictionary<string, (string Number, Dictionary<AttachmentKind, AttachmentView> Files)> Requests { get; } = [];

        public async Task InitializeAsync()
        {
            Db = await TestDatabase.CreateAsync();
            Requester = await Db.PersonAsync("Directora Solicitante", Role.UnitDirector);
            Assistant = await Db.PersonAsync("Asistente Registro", Role.Assistant);
            Administrator = await Db.PersonAsync("Administrador Servicio", Role.Administrator);
            await AddAsync(new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = "No imprime" });
            await AddAsync(new NewRequest { ProcedureCode = ProcedureCodes.DictamenTecnico, Title = "Dictamen de laptop" });
            await AddAsync(new NewRequest { ProcedureCode = ProcedureCodes.UsuarioDominio, Title = "Cuenta nueva", Form = Forms.DomainAccount() });
            await AddAsync(new NewRequest { ProcedureCode = ProcedureCodes.UsuarioBsosep, Title = "Usuario BSOSEP", Form = Forms.BsosepUser() });
            await AddAsync(new NewRequest { ProcedureCode = ProcedureCodes.MantenimientoAplicaciones, Title = "Cambio", Form = Forms.Modules() });
        }

        public async Task DisposeAsync() => await Db.DisposeAsync();

        /// <summary>Walks the DS-UI-02 request to its tests and names <paramref name="tester"/>.</summary>
        public async Task NameTesterAsync(string number, Actor tester)
        {
            var director = await Db.PersonAsync("Director Pruebas", Role.ItDirector);
            var devHead = await Db.PersonAsync("Jefe Desarrollo Pruebas", Role.DevHead);
            var developer = await Db.PersonAsync("Analista Pruebas", Role.Developer);
            await Db.Requests(s => s.Actions.FireAsync(Assistant, number, "trasladar", ActionInput.None, default));
            await Db.Requests(s => s.Actions.FireAsync(director, number, "aprobar", ActionInput.None, default));
            await Db.Requests(s => s.Actions.FireAsync(devHead, number, "asignar", new ActionInput { AssigneeId = developer.PersonId }, default));
            await Db.AttachAsync(developer, number, AttachmentKind.DocumentoRequerimiento, "req.pdf", "application/pdf", ServiceData.Pdf(512));
            await Db.AttachAsync(developer, number, AttachmentKind.PlanTrabajo, "plan.pdf", "application/pdf", ServiceData.Pdf(512));
            await Db.Requests(s => s.Actions.FireAsync(developer, number, "enviar-plan", new ActionInput { PlannedEnd = new DateOnly(2026, 6, 30) }, default));
            await Db.Requests(s => s.Actions.FireAsync(devHead, number, "aprobar-plan", ActionInput.None, default));
            await Db.Requests(s => s.Actions.FireAsync(developer, number, "liberar-a-pruebas", new ActionInput { TesterIds = [tester.PersonId] }, default));
        }

        private async Task AddAsync(NewRequest command)
        {
            var number = (await Db.Requests(s => s.Opening.OpenAsync(Requester, command, default))).Summary.Number;
            var files = new Dictionary<AttachmentKind, AttachmentView>();
            foreach (var kind in Kinds)
            {
                files[kind] = await Db.AttachAsync(Requester, number, kind, $"{kind.ToString().ToLowerInvariant().Replace("copia", string.Empty, StringComparison.Ordinal)}.pdf",
                    "application/pdf", ServiceData.Pdf(1024));
            }

            Requests[command.ProcedureCode] = (number, files);
        }
    }
}
