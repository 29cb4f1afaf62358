using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>The list's word search (accents and case aside, on both engines), its date filters, unit filter and order.</summary>
public sealed class RequestSearchTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Actor _ana = null!;
    private Actor _bruno = null!;
    private Actor _tech = null!;
    private string _printer = null!;
    private string _screen = null!;
    private string _network = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _ana = await _db.SitePersonAsync("Ana Usuaria");
        _bruno = await _db.PersonAsync("Bruno Usuario");
        _tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        _printer = await OpenAsync(_ana, "Impresión DAÑADA en recepción", null);
        _db.Time.Advance(TimeSpan.FromDays(2));
        _screen = await OpenAsync(_bruno, "Monitor", "La pantalla PARPADEA desde el lunes");
        _db.Time.Advance(TimeSpan.FromDays(2));
        _network = await OpenAsync(_bruno, "Sin acceso", null);
        await _db.Requests(s => s.Actions.CommentAsync(_bruno, _network, "Cambié el cable de RED y sigue igual, ¿qué más reviso?", default));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("impresion")]
    [InlineData("IMPRESIÓN")]
    [InlineData("Impresión dañada")]
    [InlineData("danada recepcion")]
    public async Task List_SearchWithoutAccentsOrCase_FindsTheTitle(string words)
    {
        Assert.Equal(new[] { _printer }, await SearchAsync(_tech, words));
    }

    [Fact]
    public async Task List_SearchWords_FoundInDescriptionAndComments()
    {
        Assert.Equal(new[] { _screen }, await SearchAsync(_tech, "parpadea"));
        Assert.Equal(new[] { _network }, await SearchAsync(_tech, "cambie red"));
        Assert.Equal(new[] { _network }, await SearchAsync(_tech, "¿QUÉ más?"));
    }

    [Fact]
    public async Task List_SearchWords_MustAllAppear()
    {
        Assert.Empty(await SearchAsync(_tech, "impresion parpadea"));
        Assert.Empty(await SearchAsync(_tech, "teclado"));
    }

    [Fact]
    public async Task List_SearchByNumber_FindsThatRequest()
    {
        Assert.Equal(new[] { _screen }, await SearchAsync(_tech, _screen.ToLowerInvariant()));
        Assert.Equal(new[] { _network }, await SearchAsync(_tech, _network[^5..]));
    }

    [Fact]
    public async Task List_SearchByPlainUser_StaysWithinWhatTheySee()
    {
        Assert.Empty(await SearchAsync(_bruno, "impresion"));
        Assert.Equal(new[] { _printer }, await SearchAsync(_ana, "impresion"));
    }

    [Fact]
    public async Task List_SearchTooLong_IsRefusedInSpanish()
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => SearchAsync(_tech, new string('a', RequestQuery.MaxSearchLength + 1)));

        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Contains("demasiado larga", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_CreatedBetween_KeepsThoseDays()
    {
        var first = DateOnly.FromDateTime(new DateTime(2026, 3, 2));

        Assert.Equal(new[] { _printer }, await ListAsync(_tech, new RequestFilter { CreatedTo = first }));
        Assert.Equal(new[] { _network, _screen }, await ListAsync(_tech, new RequestFilter { CreatedFrom = first.AddDays(1) }));
        Assert.Equal(new[] { _screen }, await ListAsync(_tech, new RequestFilter { CreatedFrom = first.AddDays(2), CreatedTo = first.AddDays(2) }));
    }

    [Fact]
    public async Task List_CreatedFromAfterTo_IsRefused()
    {
        var day = DateOnly.FromDateTime(new DateTime(2026, 3, 5));

        var e = await Assert.ThrowsAsync<DomainException>(() => ListAsync(_tech, new RequestFilter { CreatedFrom = day, CreatedTo = day.AddDays(-1) }));

        Assert.Equal(ErrorKind.Invalid, e.Kind);
    }

    [Fact]
    public async Task List_ByUnit_KeepsRequestsOfPeopleOfThatUnit()
    {
        var unit = (await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().People.SingleAsync(p => p.Id == _ana.PersonId))).UnitId;

        Assert.NotNull(unit);
        Assert.Equal(new[] { _printer }, await ListAsync(_tech, new RequestFilter { UnitId = unit }));
    }

    [Fact]
    public async Task List_Sorted_FollowsTheColumnAndDirection()
    {
        Assert.Equal(new[] { _printer, _screen, _network }, await ListAsync(_tech, new RequestFilter { Sort = RequestSort.Opened, Ascending = true }));
        Assert.Equal(new[] { _network, _screen, _printer }, await ListAsync(_tech, new RequestFilter { Sort = RequestSort.Number }));
        Assert.Equal(new[] { _screen, _network }, await ListAsync(_tech, new RequestFilter { Sort = RequestSort.Opened, Ascending = true, Skip = 1, Take = 2 }));
    }

    [Fact]
    public async Task Write_TitleChanged_KeepsItsWordsInStep()
    {
        await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            var request = await db.Requests.SingleAsync(r => r.Number == _screen);
            request.Title = "Teclado sin Ñ";
            return await db.SaveChangesAsync();
        });

        Assert.Equal(new[] { _screen }, await SearchAsync(_tech, "teclado sin n"));
        Assert.Empty(await SearchAsync(_tech, "monitor"));
        Assert.Equal(new[] { "desde", "el", "la", "lunes", "pantalla", "parpadea", "sin", "teclado" }, await WordsAsync(_screen));
    }

    [Theory]
    [InlineData("impre")]
    [InlineData("IMPRÉ dañ")]
    [InlineData("recep")]
    public async Task List_SearchWordPrefix_FindsTheTitle(string words)
    {
        Assert.Equal(new[] { _printer }, await SearchAsync(_tech, words));
    }

    [Fact]
    public async Task List_SearchWordPrefix_FoundInDescriptionAndComments()
    {
        Assert.Equal(new[] { _screen }, await SearchAsync(_tech, "PARPA"));
        Assert.Equal(new[] { _network }, await SearchAsync(_tech, "revis cabl"));
    }

    [Fact]
    public async Task List_SearchInsideAWord_FindsNothing()
    {
        // Words are matched from their beginning (the index serves only that): «presion» is inside «impresion».
        Assert.Empty(await SearchAsync(_tech, "presion"));
        Assert.Empty(await SearchAsync(_tech, "zapato"));
    }

    [Fact]
    public async Task List_SearchOneLetterWords_AreLeftOut()
    {
        Assert.Equal(new[] { _network }, await SearchAsync(_tech, "y cable"));
    }

    [Fact]
    public async Task Open_One_IndexesTheWordsOfTitleAndDescription()
    {
        var words = await WordsAsync(_screen);

        Assert.Equal(new[] { "desde", "el", "la", "lunes", "monitor", "pantalla", "parpadea" }, words);
    }

    [Fact]
    public async Task Open_Many_IndexesEachRequest()
    {
        var opened = await _db.Requests(s => s.Opening.OpenAsync(_ana,
            [ServiceData.Ticket("Teclado roto"), ServiceData.Ticket("Ratón perdido") with { Description = "Se extravió en la mudanza" }, ServiceData.Ticket("Escáner atascado")], default));

        Assert.Equal(new[] { "roto", "teclado" }, await WordsAsync(opened[0].Number));
        Assert.Equal(new[] { "en", "extravio", "la", "mudanza", "perdido", "raton", "se" }, await WordsAsync(opened[1].Number));
        Assert.Equal(new[] { opened[2].Number }, await SearchAsync(_tech, "escaner atas"));
    }

    [Fact]
    public async Task Comment_Added_AddsItsNewWords()
    {
        await _db.Requests(s => s.Actions.CommentAsync(_tech, _screen, "Se cambió el cable VGA; la pantalla ya no parpadea.", default));

        Assert.Equal(new[] { "cable", "cambio", "desde", "el", "la", "lunes", "monitor", "no", "pantalla", "parpadea", "se", "vga", "ya" }, await WordsAsync(_screen));
        Assert.Equal(new[] { _screen }, await SearchAsync(_tech, "vga"));
    }

    [Fact]
    public async Task Write_DescriptionAndCommentChanged_RebuildTheWords()
    {
        await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            var request = await db.Requests.SingleAsync(r => r.Number == _network);
            request.Description = "Conector dañado";
            var comment = await db.Comments.SingleAsync(c => c.RequestId == request.Id);
            comment.Text = "Se cambió el conector";
            return await db.SaveChangesAsync();
        });

        Assert.Equal(new[] { "acceso", "cambio", "conector", "danado", "el", "se", "sin" }, await WordsAsync(_network));
        Assert.Empty(await SearchAsync(_tech, "cable"));
        Assert.Equal(new[] { _network }, await SearchAsync(_tech, "conec dan"));
    }

    [Fact]
    public async Task Initialize_RowsWrittenBeforeTheIndex_AreIndexedOnce()
    {
        // Rows from before the migration: no words, and the one-time step not done yet.
        var numbers = new[] { _printer, _screen, _network };
        var before = new List<string[]>();
        foreach (var number in numbers)
        {
            before.Add(await WordsAsync(number));
        }

        await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            await db.RequestWords.ExecuteDeleteAsync();
            return await db.DataSteps.ExecuteDeleteAsync();
        });
        Assert.Empty(await SearchAsync(_tech, "impresion"));

        await _db.Services.GetRequiredService<SosepBot.Persistence.DatabaseInitializer>().InitializeAsync(default);

        // The same words as the service writes (folded alike: «Impresión DAÑADA» → impresion, danada), comments' included.
        Assert.Equal(new[] { _printer }, await SearchAsync(_tech, "impresion danada"));
        Assert.Equal(new[] { _network }, await SearchAsync(_tech, "cambie"));
        foreach (var (number, words) in numbers.Zip(before))
        {
            Assert.Equal(words, await WordsAsync(number));
        }

        var (unindexed, steps) = await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            return (await db.Requests.CountAsync(r => !db.RequestWords.Any(w => w.RequestId == r.Id)), await db.DataSteps.CountAsync());
        });
        Assert.Equal((0, 2), (unindexed, steps)); // both one-time steps done again
    }

    [Fact]
    public async Task Initialize_StepDone_DoesNotRunAgain()
    {
        await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().RequestWords.ExecuteDeleteAsync());

        await _db.Services.GetRequiredService<SosepBot.Persistence.DatabaseInitializer>().InitializeAsync(default);

        // The step ran when the database was created; a start does not scan the tables again.
        Assert.Empty(await SearchAsync(_tech, "impresion"));
    }

    private Task<string[]> WordsAsync(string number) => _db.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<SosepDbContext>();
        var words = await db.RequestWords.Where(w => db.Requests.Any(r => r.Id == w.RequestId && r.Number == number)).Select(w => w.Word).ToListAsync();
        return words.Order(StringComparer.Ordinal).ToArray();
    });

    private async Task<string> OpenAsync(Actor actor, string title, string? description) =>
        (await _db.Requests(s => s.Opening.OpenAsync(actor, ServiceData.Ticket(title) with { Description = description }, default))).Number;

    private Task<string[]> SearchAsync(Actor actor, string words) => ListAsync(actor, new RequestFilter { Search = words });

    private async Task<string[]> ListAsync(Actor actor, RequestFilter filter) =>
        (await _db.Requests(s => s.Queries.ListAsync(actor, filter, default))).Select(r => r.Number).ToArray();
}
