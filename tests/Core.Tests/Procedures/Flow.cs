using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Procedures;

/// <summary>Drives requests through the request services on a test database, one DI scope per call, as the channels do.</summary>
internal sealed class Flow(TestDatabase db)
{
    /// <summary>The smallest file each content type accepts: its signature and a few bytes.</summary>
    private static readonly Dictionary<string, (string Extension, byte[] Bytes)> Samples = new()
    {
        ["application/pdf"] = (".pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray()),
        ["image/png"] = (".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]),
        ["image/jpeg"] = (".jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00]),
    };

    private Actor? _observer;

    public TestDatabase Db => db;

    /// <summary>The e-mail <see cref="TestDatabase.PersonAsync"/> gives a person of that name.</summary>
    public static string EmailOf(string name) =>
        $"{new string(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}@sosep.gob.gt";

    public Task<Actor> PersonAsync(string name, params Role[] roles) => db.PersonAsync(name, roles);

    public Task<RequestDetails> CreateAsync(Actor actor, NewRequest request) =>
        db.Requests(async s => (await s.Opening.OpenAsync(actor, request, default)).Details);

    public Task<RequestDetails> FireAsync(Actor actor, string number, string action, ActionInput? input = null) =>
        db.Requests(s => s.Actions.FireAsync(actor, number, action, input ?? ActionInput.None, default));

    /// <summary>Fires and checks the request landed in <paramref name="expectedState"/>.</summary>
    public async Task<RequestDetails> StepAsync(Actor actor, string number, string action, string expectedState, ActionInput? input = null)
    {
        var after = await FireAsync(actor, number, action, input);
        Assert.Equal(expectedState, after.Summary.State);
        return after;
    }

    public Task<AttachmentView> AttachAsync(Actor actor, string number, AttachmentKind kind, string contentType = "application/pdf")
    {
        var (extension, bytes) = Samples[contentType];
        return db.Requests(async s =>
        {
            await using var content = new MemoryStream(bytes);
            return await s.Files.AttachAsync(actor, number, kind, $"{kind}{extension}", contentType, content, default);
        });
    }

    /// <summary>The request as somebody who sees everything (the service administrator) sees it.</summary>
    public async Task<RequestDetails> GetAsync(string number)
    {
        _observer ??= await db.PersonAsync("Observador Auditoria", Role.Administrator);
        return await db.Requests(s => s.Queries.GetAsync(_observer, number, default));
    }

    /// <summary>How many requests the database holds.</summary>
    public Task<int> CountRequestsAsync() =>
        db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().Requests.CountAsync());

    /// <summary>
    /// Fires an action that must be refused: checks the kind of refusal, that the Spanish message says each of
    /// <paramref name="because"/>, and that the request did not change (state, version, history, assignee, sign-offs, data).
    /// </summary>
    public async Task<DomainException> RefusedAsync(
        Actor actor, string number, string action, ActionInput? input, ErrorKind kind, params string[] because)
    {
        var before = await GetAsync(number);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => FireAsync(actor, number, action, input));

        Assert.Equal(kind, refusal.Kind);
        Assert.All(because, b => Assert.Contains(b, refusal.Message, StringComparison.Ordinal));
        var after = await GetAsync(number);
        Assert.Equal(before.Summary.State, after.Summary.State);
        Assert.Equal(before.Summary.Version, after.Summary.Version);
        Assert.Equal(before.Summary.Assignee, after.Summary.Assignee);
        Assert.Equal(before.History.Count, after.History.Count);
        Assert.Equal(before.Approvals, after.Approvals);
        Assert.Equal(before.Testers, after.Testers);
        Assert.Equal(before.PlannedEnd, after.PlannedEnd);
        Assert.Equal(before.ScheduledFor, after.ScheduledFor);
        Assert.Equal(Describe(before.Equipment), Describe(after.Equipment));
        return refusal;
    }

    /// <summary>The states a request went through, from its creation on.</summary>
    public static string[] Path(RequestDetails details) => details.History
        .Where(h => h.Kind is AuditKind.Created or AuditKind.Transition)
        .Select(h => h.To!)
        .ToArray();

    public static string[] Actions(RequestDetails details) => details.History
        .Where(h => h.Kind is AuditKind.Transition)
        .Select(h => h.Action!)
        .ToArray();

    private static string? Describe(EquipmentData? e) => e is null
        ? null
        : string.Join("|", e.Kind, e.Brand, e.Model, e.Colour, e.SerialNumber, e.AssetNumber, e.Findings, e.Diagnosis);
}
