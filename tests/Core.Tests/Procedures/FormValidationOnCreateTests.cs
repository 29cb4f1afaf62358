using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>Opening a DS-UI-02/07/08 or SIGES-SICOIN request checks its form, CUI and NIT check digits included; a refusal creates nothing.</summary>
public sealed class FormValidationOnCreateTests(ProcedureDatabase database) : IClassFixture<ProcedureDatabase>, IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Flow _flow = null!;
    private Actor _user = null!;

    public async Task InitializeAsync()
    {
        _db = database.Db;
        _flow = new Flow(_db);
        _user = await _flow.PersonAsync("Directora Unidad", Role.UnitDirector);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> FormProcedures() =>
    [
        ProcedureCodes.MantenimientoAplicaciones,
        ProcedureCodes.UsuarioDominio,
        ProcedureCodes.UsuarioBsosep,
        ProcedureCodes.SigesSicoin,
    ];

    [Theory]
    [MemberData(nameof(FormProcedures))]
    public async Task Create_ValidForm_IsAcceptedWithNormalisedIds(string code)
    {
        var form = ValidForm(code);
        form.Cui = "1234 56789 0101";
        form.Nit = "1234561k";

        var before = await _flow.CountRequestsAsync();
        var created = await _flow.CreateAsync(_user, new NewRequest { ProcedureCode = code, Title = "Solicitud con formulario", Form = form });

        Assert.Equal(Forms.ValidCui, created.Form?.Cui);
        Assert.Equal(Forms.ValidNitWithK, created.Form?.Nit);
        Assert.Equal(before + 1, await _flow.CountRequestsAsync());
    }

    [Theory]
    [MemberData(nameof(FormProcedures))]
    public async Task Create_CuiWithWrongCheckDigit_IsRefusedOnFieldCuiAndNothingIsCreated(string code)
    {
        var form = ValidForm(code);
        form.Cui = Forms.WrongCui;

        var refusal = await RefusedAsync(code, form);

        Assert.Equal("cui", refusal.Field);
        Assert.Contains("CUI", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("dígito verificador", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FormProcedures))]
    public async Task Create_NitWithWrongCheckDigit_IsRefusedOnFieldNitAndNothingIsCreated(string code)
    {
        var form = ValidForm(code);
        form.Nit = Forms.WrongNit;

        var refusal = await RefusedAsync(code, form);

        Assert.Equal("nit", refusal.Field);
        Assert.Contains("NIT", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("dígito verificador", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FormProcedures))]
    public async Task Create_WithoutForm_IsRefusedNamingTheForm(string code)
    {
        var refusal = await RefusedAsync(code, null);

        Assert.Equal("formulario", refusal.Field);
        Assert.Contains("Falta el formulario DI-Frm_00", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FormProcedures))]
    public async Task Create_WithoutNames_IsRefusedListingTheMissingFields(string code)
    {
        var form = ValidForm(code);
        form.FirstNames = " ";
        form.LastNames = null;

        var refusal = await RefusedAsync(code, form);

        Assert.Contains("nombres completos", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("apellidos completos", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DomainAccountNewWithoutInternetTier_IsRefused()
    {
        var form = Forms.DomainAccount();
        form.InternetAccess = null;

        var refusal = await RefusedAsync(ProcedureCodes.UsuarioDominio, form);

        Assert.Contains("tipo de acceso a Internet", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DomainAccountFullBrowsingWithoutJustification_IsRefused()
    {
        var form = Forms.DomainAccount();
        form.InternetAccess = InternetAccess.NavegacionTotal;

        var refusal = await RefusedAsync(ProcedureCodes.UsuarioDominio, form);

        Assert.Contains("Navegación Total requiere una justificación", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FinanceAccountWithoutAccountType_IsRefused()
    {
        var form = Forms.FinanceAccount();
        form.SicoinAccount = false;

        var refusal = await RefusedAsync(ProcedureCodes.SigesSicoin, form);

        Assert.Contains("SICOIN o SIGES", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BsosepUserWithoutProfile_IsRefused()
    {
        var form = Forms.BsosepUser();
        form.Profile = null;

        var refusal = await RefusedAsync(ProcedureCodes.UsuarioBsosep, form);

        Assert.Contains("perfil", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ModuleChangeWithRemoval_IsRefusedAsDiFrm001AdmitsNoBaja()
    {
        var refusal = await RefusedAsync(ProcedureCodes.MantenimientoAplicaciones, Forms.Modules(ChangeKind.Baja));

        Assert.Contains("DI-Frm_001 solo admite Nuevo o Actualización", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FormOfAnotherProcedure_IsRefused()
    {
        var refusal = await RefusedAsync(ProcedureCodes.UsuarioDominio, Forms.FinanceAccount());

        Assert.Contains("no corresponde a este procedimiento", refusal.Message, StringComparison.Ordinal);
    }

    private static FormData ValidForm(string code) => code switch
    {
        ProcedureCodes.MantenimientoAplicaciones => Forms.Modules(),
        ProcedureCodes.UsuarioDominio => Forms.DomainAccount(),
        ProcedureCodes.UsuarioBsosep => Forms.BsosepUser(),
        ProcedureCodes.SigesSicoin => Forms.FinanceAccount(),
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };

    private async Task<DomainException> RefusedAsync(string code, FormData? form)
    {
        var before = await _flow.CountRequestsAsync();
        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            _flow.CreateAsync(_user, new NewRequest { ProcedureCode = code, Title = "Solicitud con formulario", Form = form }));

        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        Assert.Equal(before, await _flow.CountRequestsAsync());
        return refusal;
    }
}
