using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>Request numbers: UI-YYYY-NNNNN, one sequence per Guatemalan calendar year, never duplicated.</summary>
public sealed class RequestNumberTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Create_ThreeRequests_NumbersAreSequentialInFormat()
    {
        var user = await _db.PersonAsync("Ana Usuaria");

        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket($"Falla {i}"), default))).Summary.Number);
        }

        Assert.Equal(new[] { "UI-2026-00001", "UI-2026-00002", "UI-2026-00003" }, numbers);
        Assert.All(numbers, n => Assert.Matches(@"^UI-\d{4}-\d{5}$", n));
    }

    [Fact]
    public async Task Create_TwentyAtOnceEachInItsOwnScope_NumbersAreUniqueAndGapless()
    {
        var user = await _db.PersonAsync("Ana Usuaria");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var creations = Enumerable.Range(1, 20)
            .Select(i => Task.Run(async () =>
            {
                await start.Task;
                return await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket($"Falla simultánea {i}"), default));
            }))
            .ToArray();
        start.SetResult();
        var created = await Task.WhenAll(creations);

        var numbers = created.Select(c => c.Summary.Number).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"UI-2026-{n:D5}").ToArray(), numbers);
        Assert.Equal(20, created.Select(c => c.Summary.Title).Distinct().Count());
        var (rows, counter, events) = await _db.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SosepDbContext>();
            return (await db.Requests.CountAsync(), (await db.RequestCounters.SingleAsync(c => c.Year == 2026)).Last,
                await db.RequestEvents.CountAsync(e => e.Kind == "created"));
        });
        Assert.Equal((20, 20, 20), (rows, counter, events));
    }

    [Fact]
    public async Task Create_AroundNewYearInGuatemala_YearIsTheLocalOneAndSequenceRestarts()
    {
        var user = await _db.PersonAsync("Ana Usuaria");
        var march = await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket("Marzo"), default));

        // 23:30 on Dec 31 in Guatemala is already 05:30 on Jan 1 in UTC.
        _db.Time.SetUtcNow(ServiceData.LocalTime(2026, 12, 31, 23, 30));
        Assert.Equal(2027, _db.Time.GetUtcNow().UtcDateTime.Year);
        var lastOf2026 = await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket("Fin de año"), default));
        _db.Time.Advance(TimeSpan.FromHours(1));
        var firstOf2027 = await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket("Año nuevo"), default));
        var secondOf2027 = await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket("Año nuevo 2"), default));

        Assert.Equal("UI-2026-00001", march.Summary.Number);
        Assert.Equal("UI-2026-00002", lastOf2026.Summary.Number);
        Assert.Equal("UI-2027-00001", firstOf2027.Summary.Number);
        Assert.Equal("UI-2027-00002", secondOf2027.Summary.Number);
    }

    [Theory]
    [InlineData("ui-2026-42", "UI-2026-00042")]
    [InlineData(" UI-2026-00042 ", "UI-2026-00042")]
    [InlineData("Ui-2027-7", "UI-2027-00007")]
    [InlineData("UI-2026-12345", "UI-2026-12345")]
    public void NormalizeNumber_ShortOrMixedCase_IsCanonical(string given, string expected) =>
        Assert.Equal(expected, RequestNumbers.Normalize(given));

    [Theory]
    [InlineData("abc", "ABC")]
    [InlineData("UI-2026-0", "UI-2026-0")]
    [InlineData("UI-2026", "UI-2026")]
    [InlineData(null, "")]
    public void NormalizeNumber_NotANumber_IsOnlyTrimmedAndUpperCased(string? given, string expected) =>
        Assert.Equal(expected, RequestNumbers.Normalize(given));

    [Fact]
    public async Task Get_NumberWrittenShortAndLowerCase_FindsTheRequest()
    {
        var user = await _db.PersonAsync("Ana Usuaria");
        await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket(), default));

        var found = await _db.Requests(s => s.Queries.GetAsync(user, "ui-2026-1", default));

        Assert.Equal("UI-2026-00001", found.Summary.Number);
    }
}
