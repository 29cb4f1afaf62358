using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Units;
using SosepBot.Web.Console;

namespace SosepBot.Web.Pages.Administracion;

/// <summary>
/// «Administración» (Administrator): people (roles, unit, active), units and API keys, through the same Core services
/// as the CLI and the API. Core's refusals are shown on the page and change nothing.
/// </summary>
[OnlyFor(Role.Administrator)]
public sealed class IndexModel(PeopleService people, UnitService units) : ConsolePageModel
{
    private const int MaxLabel = 200;

    /// <summary>People listed on a page, each with its edit form.</summary>
    public const int PageSize = 50;

    /// <summary>Words of a name or an e-mail (accents and case aside); kept by every form so a change comes back to the same list.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int Pagina { get; set; } = 1;

    public PeoplePage People { get; private set; } = new([], 0, 1, 1);

    public IReadOnlyList<UnitView> Units { get; private set; } = [];

    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    public static IReadOnlyList<Role> AllRoles { get; } = Enum.GetValues<Role>();

    [TempData]
    public string? Done { get; set; }

    /// <summary>A key just issued: shown once, on the answer to the POST (never stored nor put in a cookie).</summary>
    public IssuedApiKey? Issued { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>
    /// Saves a person. <paramref name="unidadActual"/> is the unit the form showed: the same unit changes nothing, none
    /// chosen takes the person out of it. The form that registers a person sends no current unit.
    /// </summary>
    public Task<IActionResult> OnPostPersonaAsync(string? correo, string? nombre, string? unidad, string? unidadActual, List<string>? roles, bool activa) =>
        AttemptAsync(async ct =>
        {
            var email = correo ?? string.Empty;
            var unit = string.IsNullOrWhiteSpace(unidad) || unidad == unidadActual ? null : unidad;
            var person = await people.UpsertAsync(new PersonInput
            {
                Email = email,
                DisplayName = nombre ?? string.Empty,
                Unit = unit,
                LeavesUnit = string.IsNullOrWhiteSpace(unidad) && !string.IsNullOrWhiteSpace(unidadActual),
                Roles = roles ?? [],
            }, ct);
            if (!activa)
            {
                await people.DeactivateAsync(person.Email, ct);
                return WebTexts.PersonDeactivated(person.Email);
            }

            return WebTexts.PersonSaved(person.Email);
        });

    public Task<IActionResult> OnPostUnidadAsync(UnitForm form) =>
        AttemptAsync(async ct =>
        {
            ArgumentNullException.ThrowIfNull(form);
            UnitService.EnsureMayChange(Actor);
            var unit = await units.CreateAsync(form.Input(), ct);
            return WebTexts.UnitCreated(unit.Name);
        });

    /// <summary>Changes a unit with the values of its form (an empty head, mailbox or contacts list removes them).</summary>
    public Task<IActionResult> OnPostEditarUnidadAsync(long id, UnitForm form) =>
        AttemptAsync(async ct =>
        {
            ArgumentNullException.ThrowIfNull(form);
            UnitService.EnsureMayChange(Actor);
            var unit = await units.UpdateAsync(id, form.Input(), ct);
            return WebTexts.UnitSaved(unit.Name);
        });

    public async Task<IActionResult> OnPostClaveAsync(string? correo, string? etiqueta)
    {
        if (etiqueta?.Length > MaxLabel)
        {
            return await FailAsync(WebTexts.LabelTooLong(MaxLabel));
        }

        try
        {
            Issued = await people.IssueApiKeyAsync(correo ?? string.Empty, string.IsNullOrWhiteSpace(etiqueta) ? null : etiqueta.Trim(), HttpContext.RequestAborted);
        }
        catch (DomainException e) when (e.Kind is not ErrorKind.Forbidden)
        {
            return await FailAsync(e.Message);
        }

        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostRevocarAsync(string? prefijo) =>
        AttemptAsync(async ct => await people.RevokeApiKeyAsync(prefijo ?? string.Empty, ct)
            ? WebTexts.KeyRevoked(prefijo!)
            : throw new DomainException(ErrorKind.NotFound, WebTexts.NoSuchKey(prefijo ?? string.Empty)));

    /// <summary>The page with the search and the page shown (the forms post to it and come back to it).</summary>
    public string Link(int page, string? handler = null)
    {
        var query = new QueryBuilder();
        if (handler is not null)
        {
            query.Add("handler", handler);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            query.Add("q", Q.Trim());
        }

        if (page > 1)
        {
            query.Add("pagina", page.ToString(CultureInfo.InvariantCulture));
        }

        return "/administracion" + query.ToQueryString();
    }

    /// <summary>Where a form of this page posts: its handler, with the search and the page shown.</summary>
    public string PostTo(string handler) => Link(Pagina, handler);

    private Task<IActionResult> AttemptAsync(Func<CancellationToken, Task<string>> change) =>
        ChangeAsync(change, d => Done = d, Link(Pagina), LoadAsync, StatusCodes.Status422UnprocessableEntity);

    private async Task<IActionResult> FailAsync(string message)
    {
        Refusal = message;
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync()
    {
        People = await people.SearchPageAsync(Q?.Trim(), Pagina, PageSize, HttpContext.RequestAborted);
        Pagina = People.Page;
        Units = await units.ListAsync(HttpContext.RequestAborted);
        Keys = await people.ListApiKeysAsync(HttpContext.RequestAborted);
    }
}
