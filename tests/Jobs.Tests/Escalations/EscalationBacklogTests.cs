using Microsoft.EntityFrameworkCore;
using SosepBot.Core.People;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.Jobs.Escalations;
using SosepBot.Jobs.Notices;
using SosepBot.TestKit;

namespace SosepBot.Jobs.Tests.Escalations;

/// <summary>The first escalation scan after downtime: hundreds of requests overdue at once, past all three thresholds.</summary>
public sealed class EscalationBacklogTests
{
    private const int Backlog = 500;
    private const int Notices = Backlog * 3;

    [Fact]
    public async Task Scan_BacklogOf500Overdue_EachThresholdOnceInBatchesOf100()
    {
        await using var bed = await JobsBed.CreateAsync();
        var people = await BacklogAsync(bed);

        using var commits = new CommitCounter(bed.Db.ConnectionString);
        Assert.Equal(Notices, await ScanAsync(bed, default));
        Assert.Equal(Notices / NoticeWriter.BatchSize, commits.Count);

        commits.Reset();
        Assert.Equal(0, await ScanAsync(bed, default));
        Assert.Equal(0, commits.Count);
        await AssertEachOnceAsync(bed, people);
    }

    [Fact]
    public async Task Scan_StoppedMidRun_RecordsWholeBatchesAndTheRerunCompletesWithoutDuplicates()
    {
        await using var bed = await JobsBed.CreateAsync();
        var people = await BacklogAsync(bed);

        // The run stops right after its third batch committed: cancelled on the committing thread, as the commit ends, so
        // that the fourth batch always sees it (cancelling from another thread let a fast run finish first, and the
        // late Cancel then met a disposed source).
        using var stop = new CancellationTokenSource();
        using (var commits = new CommitCounter(bed.Db.ConnectionString) { Committed = n => { if (n == 3) { stop.Cancel(); } } })
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ScanAsync(bed, stop.Token));
        }

        var partial = await bed.DbAsync(db => db.JobNotices.CountAsync(n => n.Kind == EscalationJob.Kind));
        Assert.InRange(partial, 3 * NoticeWriter.BatchSize, Notices - NoticeWriter.BatchSize);
        Assert.Equal(0, partial % NoticeWriter.BatchSize);

        await bed.RestartAsync(start: false);
        Assert.Equal(Notices - partial, await ScanAsync(bed, default));
        Assert.Equal(0, await ScanAsync(bed, default));
        await AssertEachOnceAsync(bed, people);
    }

    [Fact]
    public async Task Scan_TwoInstancesAtOnce_EachThresholdRecordedAndQueuedOnce()
    {
        await using var bed = await JobsBed.CreateAsync();
        var people = await BacklogAsync(bed);

        var both = await Task.WhenAll(Task.Run(() => ScanAsync(bed, default)), Task.Run(() => ScanAsync(bed, default)));
        Assert.Equal(Notices, both.Sum());
        await AssertEachOnceAsync(bed, people);
    }

    private static Task<int> ScanAsync(JobsBed bed, CancellationToken cancellationToken) =>
        bed.RunAsync<EscalationJob, int>(j => j.ScanAsync(cancellationToken));

    /// <summary>500 unassigned tickets opened on Monday; two weeks later every one is past the director's threshold.</summary>
    private static async Task<(Actor Head, Actor Director)> BacklogAsync(JobsBed bed)
    {
        var requester = await bed.Db.PersonAsync("Ana Usuaria");
        var head = await bed.Db.PersonAsync("Rosa Jefa", Role.InfraHead);
        var director = await bed.Db.PersonAsync("Director Informatica", Role.ItDirector);
        bed.Teams.Add(head.PersonId, director.PersonId);
        var commands = Enumerable.Range(1, Backlog)
            .Select(i => new NewRequest { ProcedureCode = ProcedureCodes.SoporteTecnico, Title = $"Equipo {i} sin red" }).ToList();
        await bed.Db.Requests(r => r.Opening.OpenAsync(requester, commands, default));
        bed.SetLocal(2026, 3, 16, 9);
        return (head, director);
    }

    /// <summary>Levels 1, 2 and 3 once per request; the head told at 1 (nobody new at 2), the director at 3, one message each.</summary>
    private static async Task AssertEachOnceAsync(JobsBed bed, (Actor Head, Actor Director) people)
    {
        var notices = await bed.DbAsync(db => db.JobNotices.AsNoTracking().Where(n => n.Kind == EscalationJob.Kind)
            .Select(n => new { n.RequestId, n.Level, n.Messages }).ToListAsync());
        Assert.Equal(Notices, notices.Count);
        Assert.All(notices.GroupBy(n => n.RequestId), g => Assert.Equal([1, 2, 3], g.Select(n => n.Level!.Value).Order().ToArray()));
        Assert.Equal(Notices - Backlog, notices.Sum(n => n.Messages));

        var messages = (await bed.OutboxAsync()).Where(m => m.Kind == EscalationJob.Kind).ToList();
        Assert.Equal(Notices - Backlog, messages.Count);
        Assert.Equal(Backlog, messages.Count(m => m.RecipientId == people.Head.PersonId));
        Assert.Equal(Backlog, messages.Count(m => m.RecipientId == people.Director.PersonId));
        Assert.All(messages.GroupBy(m => (m.RequestId, m.RecipientId)), g => Assert.Single(g));
    }
}
