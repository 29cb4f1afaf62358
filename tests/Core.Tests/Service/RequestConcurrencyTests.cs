using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>Two people acting on the same request at once: one wins, the other is refused with Conflict and nothing is overwritten.</summary>
public sealed class RequestConcurrencyTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Fire_TakeLoadedBeforeOtherTechnicianSaved_IsConflictAndFirstTechnicianKeepsTicket()
    {
        var user = await _db.PersonAsync("Ana Usuaria");
        var winner = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        var late = await _db.PersonAsync("Otro Tecnico", Role.Technician);
        var number = (await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket(), default))).Summary.Number;

        var refusal = await _db.InScopeAsync(async lateScope =>
        {
            // The late technician's scope reads the open ticket first: its DbContext now holds version 0, "Abierto"...
            var seen = await lateScope.GetRequiredService<SosepDbContext>().Requests.SingleAsync(r => r.Number == number);
            Assert.Equal(("Abierto", 0), (seen.State, seen.Version));

            // ...the other technician takes it in another scope (another DbContext) and saves first...
            await _db.Requests(s => s.Actions.FireAsync(winner, number, "tomar", ActionInput.None, default));

            // ...and the late technician acts on what their scope had loaded.
            return await Assert.ThrowsAsync<DomainException>(() =>
                lateScope.GetRequiredService<RequestActions>().FireAsync(late, number, "tomar", ActionInput.None, default));
        });

        Assert.Equal(ErrorKind.Conflict, refusal.Kind);
        Assert.Contains(number, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("«En atención»", refusal.Message, StringComparison.Ordinal);
        var after = await _db.Requests(s => s.Queries.GetAsync(winner, number, default));
        Assert.Equal("En atención", after.Summary.State);
        Assert.Equal(winner.PersonId, after.Summary.Assignee?.Id);
        Assert.Equal(1, after.Summary.Version);
        var take = Assert.Single(after.History, h => h.Action == "tomar");
        Assert.Equal("Tito Tecnico", take.Actor);
    }

    [Fact]
    public async Task Fire_TwoTechniciansTakeAtOnce_ExactlyOneWinsAndHistoryHasOneTake()
    {
        var user = await _db.PersonAsync("Ana Usuaria");
        var technicians = new[]
        {
            await _db.PersonAsync("Tito Tecnico", Role.Technician),
            await _db.PersonAsync("Otro Tecnico", Role.Technician),
        };

        // A few rounds, so that both interleavings (load-load-save-save and load-save-load-save) are likely to occur.
        for (var round = 0; round < 5; round++)
        {
            var number = (await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket($"Sin red {round}"), default))).Summary.Number;
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = technicians
                .Select(t => Task.Run(async () =>
                {
                    await start.Task;
                    return await _db.Requests(s => s.Actions.FireAsync(t, number, "tomar", ActionInput.None, default));
                }))
                .ToArray();
            start.SetResult();
            await Task.WhenAll(attempts).ContinueWith(_ => { }, TaskScheduler.Default);

            var won = Assert.Single(attempts, a => a.Status == TaskStatus.RanToCompletion);
            var lost = Assert.Single(attempts, a => a.IsFaulted);
            var refusal = Assert.IsType<DomainException>(lost.Exception!.InnerException);
            // Conflict when both loaded before either saved; InvalidState when the loser loaded after the winner saved.
            Assert.Contains(refusal.Kind, new[] { ErrorKind.Conflict, ErrorKind.InvalidState });
            Assert.Contains(number, refusal.Message, StringComparison.Ordinal);

            var winner = technicians[Array.IndexOf(attempts, won)];
            var after = await _db.Requests(s => s.Queries.GetAsync(winner, number, default));
            Assert.Equal(winner.PersonId, after.Summary.Assignee?.Id);
            Assert.Equal(1, after.Summary.Version);
            Assert.Single(after.History, h => h.Action == "tomar");
        }
    }

    [Fact]
    public async Task Fire_ExpectedVersionStale_IsConflictAndNothingChanges()
    {
        var user = await _db.PersonAsync("Ana Usuaria");
        var head = await _db.PersonAsync("Jefe Infra", Role.InfraHead);
        var tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        var other = await _db.PersonAsync("Otro Tecnico", Role.Technician);
        var created = await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket(), default));
        var number = created.Summary.Number;
        var seenByHead = created.Summary.Version;
        var taken = await _db.Requests(s => s.Actions.FireAsync(tech, number, "tomar", ActionInput.None, default));

        // "reasignar" is allowed in "En atención": only the stale version can refuse it.
        var refusal = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Actions.FireAsync(head, number, "reasignar",
            new ActionInput { AssigneeId = other.PersonId, Text = "Carga de trabajo", ExpectedVersion = seenByHead }, default)));

        Assert.Equal(ErrorKind.Conflict, refusal.Kind);
        Assert.Contains(number, refusal.Message, StringComparison.Ordinal);
        var after = await _db.Requests(s => s.Queries.GetAsync(head, number, default));
        Assert.Equal("En atención", after.Summary.State);
        Assert.Equal(tech.PersonId, after.Summary.Assignee?.Id);
        Assert.Equal(taken.Summary.Version, after.Summary.Version);
        Assert.Equal(taken.Summary.UpdatedAt, after.Summary.UpdatedAt);
        Assert.Equal(taken.History.Count, after.History.Count);

        // With the current version the same action goes through.
        var reassigned = await _db.Requests(s => s.Actions.FireAsync(head, number, "reasignar",
            new ActionInput { AssigneeId = other.PersonId, Text = "Carga de trabajo", ExpectedVersion = after.Summary.Version }, default));
        Assert.Equal(other.PersonId, reassigned.Summary.Assignee?.Id);
    }

    [Fact]
    public async Task Comment_RequestChangedAfterItWasLoaded_IsSavedOrRefusedAsConflict()
    {
        var user = await _db.PersonAsync("Ana Usuaria");
        var tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        var number = (await _db.Requests(s => s.Opening.OpenAsync(user, ServiceData.Ticket(), default))).Summary.Number;

        var failure = await _db.InScopeAsync(async userScope =>
        {
            // The user's scope has read the ticket (as CommentAsync does) when the technician's action is saved.
            await userScope.GetRequiredService<SosepDbContext>().Requests.SingleAsync(r => r.Number == number);
            await _db.Requests(s => s.Actions.FireAsync(tech, number, "tomar", ActionInput.None, default));
            _db.Time.Advance(TimeSpan.FromMinutes(1));
            return await Record.ExceptionAsync(() =>
                userScope.GetRequiredService<RequestActions>().CommentAsync(user, number, "Es la impresora del segundo piso.", default));
        });

        // A comment does not depend on the state, so saving it is right; a refusal must at least be a Conflict the channels understand.
        if (failure is not null)
        {
            var refusal = Assert.IsType<DomainException>(failure);
            Assert.Equal(ErrorKind.Conflict, refusal.Kind);
        }

        var after = await _db.Requests(s => s.Queries.GetAsync(tech, number, default));
        Assert.Equal(tech.PersonId, after.Summary.Assignee?.Id);
        Assert.Equal(failure is null ? 1 : 0, after.Comments.Count);
    }
}
