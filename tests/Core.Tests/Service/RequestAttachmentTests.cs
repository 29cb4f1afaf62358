using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Attachments;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Procedures;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>Files of a request: kept in the store (not in the row), checked for size, type and content, and shown only to participants.</summary>
public sealed class RequestAttachmentTests : IAsyncLifetime
{
    private const int OneMegabyte = 1024 * 1024;

    private TestDatabase _db = null!;
    private Actor _user = null!;
    private string _number = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _user = await _db.PersonAsync("Ana Usuaria");
        _number = (await _db.Requests(s => s.Opening.OpenAsync(_user, ServiceData.Ticket(), default))).Summary.Number;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Attach_Pdf_StoredAsFileOutsideTheDatabaseWithItsSha256()
    {
        var content = ServiceData.Pdf(64 * 1024);
        _db.Time.Advance(TimeSpan.FromMinutes(3));

        var view = await _db.AttachAsync(_user, _number, AttachmentKind.Otro, @"C:\Users\ana\Documents\oficio 12.pdf", "application/pdf; name=x", content);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), view.Sha256);
        Assert.Equal(("oficio 12.pdf", "application/pdf", (long)content.Length), (view.FileName, view.ContentType, view.Size));
        var file = Assert.Single(_db.StoredFiles());
        Assert.Equal(content, await File.ReadAllBytesAsync(file));
        var row = await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().Attachments.AsNoTracking().SingleAsync());
        Assert.Equal(Path.GetFullPath(Path.Combine(_db.AttachmentsDirectory, row.StorageKey)), Path.GetFullPath(file));
        Assert.Equal(view.Sha256, row.Sha256);
        Assert.False(_db.StoredDataContains(content.AsSpan(1024, 64).ToArray()), "The file's bytes must not be in the database.");

        var details = await _db.Requests(s => s.Queries.GetAsync(_user, _number, default));
        Assert.Equal(view, Assert.Single(details.Attachments));
        Assert.Equal(view.CreatedAt, details.Summary.UpdatedAt);
        Assert.Contains(details.History, h => h.Detail == "otro documento: oficio 12.pdf");
    }

    [Fact]
    public async Task Attach_NameWithBidiOverrideAndZeroWidthCharacters_IsStoredWithoutThem()
    {
        // «foto\u202Egpj.exe» reads as «fotoexe.jpg» on screen.
        var view = await _db.AttachAsync(_user, _number, AttachmentKind.Fotografia, "foto\u202Egpj.exe\u200B", "image/jpeg", ServiceData.Jpeg(1000));

        Assert.Equal("fotogpj.exe", view.FileName);
    }

    [Fact]
    public async Task Open_TitleWithInvisibleCharacters_IsStoredWithoutThem()
    {
        var opened = await _db.Requests(s => s.Opening.OpenAsync(_user, ServiceData.Ticket("\uFEFFSin red\u2066 en\u2069 la oficina\u202E"), default));

        Assert.Equal("Sin red en la oficina", opened.Summary.Title);
    }

    [Fact]
    public async Task OpenAttachment_Participant_GetsTheSameBytes()
    {
        var tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);
        var content = ServiceData.Jpeg(200_000);
        var view = await _db.AttachAsync(_user, _number, AttachmentKind.Fotografia, "pantalla.jpg", "image/jpeg", content);

        foreach (var reader in new[] { _user, tech })
        {
            var (opened, bytes) = await _db.Requests(async s =>
            {
                var (attachment, stream) = await s.Files.OpenAttachmentAsync(reader, _number.ToLowerInvariant(), view.Id, default);
                await using (stream)
                {
                    using var copy = new MemoryStream();
                    await stream.CopyToAsync(copy);
                    return (attachment, copy.ToArray());
                }
            });

            Assert.Equal(view, opened);
            Assert.Equal(content, bytes);
        }
    }

    [Fact]
    public async Task Attach_ExactlyTheSizeLimit_IsAccepted()
    {
        var view = await _db.AttachAsync(_user, _number, AttachmentKind.Otro, "limite.pdf", "application/pdf", ServiceData.Pdf(OneMegabyte));

        Assert.Equal(OneMegabyte, view.Size);
        Assert.Single(_db.StoredFiles());
    }

    [Fact]
    public async Task Attach_OverTheSizeLimit_IsInvalidAndLeavesNoFileAndNoRow()
    {
        var before = await _db.Requests(s => s.Queries.GetAsync(_user, _number, default));
        _db.Time.Advance(TimeSpan.FromMinutes(1));

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            _db.AttachAsync(_user, _number, AttachmentKind.Otro, "grande.pdf", "application/pdf", ServiceData.Pdf(OneMegabyte + 1)));

        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        Assert.Contains("1 MB", refusal.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(before);
    }

    [Fact]
    public async Task Attach_ExecutableContentType_IsInvalidAndLeavesNothing()
    {
        var before = await _db.Requests(s => s.Queries.GetAsync(_user, _number, default));

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            _db.AttachAsync(_user, _number, AttachmentKind.Otro, "setup.exe", "application/x-msdownload", ServiceData.Executable(4096)));

        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        Assert.Contains("application/x-msdownload", refusal.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(before);
    }

    [Fact]
    public async Task Attach_ClaimsPdfButIsAnExecutable_IsInvalidAndLeavesNothing()
    {
        var before = await _db.Requests(s => s.Queries.GetAsync(_user, _number, default));
        _db.Time.Advance(TimeSpan.FromMinutes(1));

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            _db.AttachAsync(_user, _number, AttachmentKind.Otro, "factura.pdf", "application/pdf", ServiceData.Executable(4096)));

        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        Assert.Contains("factura.pdf", refusal.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(before);
    }

    [Fact]
    public async Task Attach_EmptyFile_IsInvalidAndLeavesNothing()
    {
        var before = await _db.Requests(s => s.Queries.GetAsync(_user, _number, default));

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            _db.AttachAsync(_user, _number, AttachmentKind.Otro, "vacio.txt", "text/plain", []));

        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        await AssertNothingStoredAsync(before);
    }

    [Fact]
    public async Task Attach_ClosedRequest_IsInvalidStateAndLeavesNothing()
    {
        await _db.Requests(s => s.Actions.FireAsync(_user, _number, "anular", new ActionInput { Text = "Ya funciona." }, default));
        var before = await _db.Requests(s => s.Queries.GetAsync(_user, _number, default));
        Assert.True(before.Summary.IsClosed);

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            _db.AttachAsync(_user, _number, AttachmentKind.Otro, "tarde.pdf", "application/pdf", ServiceData.Pdf(1000)));

        Assert.Equal(ErrorKind.InvalidState, refusal.Kind);
        Assert.Contains(_number, refusal.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(before);
    }

    [Fact]
    public async Task AttachAndOpen_PersonNotTakingPart_IsNotFoundLikeAMissingRequest()
    {
        var stranger = await _db.PersonAsync("Bruno Usuario");
        var view = await _db.AttachAsync(_user, _number, AttachmentKind.Otro, "oficio.pdf", "application/pdf", ServiceData.Pdf(1000));
        const string missing = "UI-2026-09999";

        var attach = await Assert.ThrowsAsync<DomainException>(() =>
            _db.AttachAsync(stranger, _number, AttachmentKind.Otro, "intruso.pdf", "application/pdf", ServiceData.Pdf(1000, seed: 9)));
        var open = await Assert.ThrowsAsync<DomainException>(() =>
            _db.Requests(s => s.Files.OpenAttachmentAsync(stranger, _number, view.Id, default)));
        var openMissing = await Assert.ThrowsAsync<DomainException>(() =>
            _db.Requests(s => s.Files.OpenAttachmentAsync(stranger, missing, view.Id, default)));

        Assert.All(new[] { attach, open, openMissing }, e => Assert.Equal(ErrorKind.NotFound, e.Kind));
        Assert.Equal(openMissing.Message.Replace(missing, "N", StringComparison.Ordinal), open.Message.Replace(_number, "N", StringComparison.Ordinal));
        Assert.Equal(open.Message, attach.Message);
        Assert.Single(_db.StoredFiles());
    }

    [Fact]
    public async Task OpenAttachment_IdOfAnotherRequestsFile_IsNotFound()
    {
        var other = await _db.PersonAsync("Bruno Usuario");
        var otherNumber = (await _db.Requests(s => s.Opening.OpenAsync(other, ServiceData.Ticket("Otra falla"), default))).Summary.Number;
        var othersFile = await _db.AttachAsync(other, otherNumber, AttachmentKind.Otro, "privado.pdf", "application/pdf", ServiceData.Pdf(1000));

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            _db.Requests(s => s.Files.OpenAttachmentAsync(_user, _number, othersFile.Id, default)));

        Assert.Equal(ErrorKind.NotFound, refusal.Kind);
    }

    [Fact]
    public async Task Attach_RequestChangedAfterItWasLoaded_IsSavedOrRefusedAsConflictWithoutOrphanFile()
    {
        var tech = await _db.PersonAsync("Tito Tecnico", Role.Technician);

        var failure = await _db.InScopeAsync(async userScope =>
        {
            // The user's scope has read the ticket (as AttachAsync does) when the technician's action is saved.
            await userScope.GetRequiredService<SosepDbContext>().Requests.SingleAsync(r => r.Number == _number);
            await _db.Requests(s => s.Actions.FireAsync(tech, _number, "tomar", ActionInput.None, default));
            _db.Time.Advance(TimeSpan.FromMinutes(1));
            using var content = new MemoryStream(ServiceData.Pdf(1000));
            return await Record.ExceptionAsync(() => userScope.GetRequiredService<RequestFiles>()
                .AttachAsync(_user, _number, AttachmentKind.Otro, "oficio.pdf", "application/pdf", content, default));
        });

        if (failure is not null)
        {
            Assert.Equal(ErrorKind.Conflict, Assert.IsType<DomainException>(failure).Kind);
        }

        var after = await _db.Requests(s => s.Queries.GetAsync(_user, _number, default));
        Assert.Equal(failure is null ? 1 : 0, after.Attachments.Count);
        Assert.Equal(after.Attachments.Count, _db.StoredFiles().Length);
    }

    private async Task AssertNothingStoredAsync(RequestDetails before)
    {
        Assert.Empty(_db.StoredFiles());
        var rows = await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().Attachments.CountAsync());
        Assert.Equal(0, rows);
        var after = await _db.Requests(s => s.Queries.GetAsync(_user, _number, default));
        Assert.Empty(after.Attachments);
        Assert.Equal(before.History.Count, after.History.Count);
        Assert.Equal(before.Summary.UpdatedAt, after.Summary.UpdatedAt);
    }

    [Fact]
    public async Task Sweep_FilesNoRowNamesOlderThanTheGrace_AreRemovedAndTheRestKept()
    {
        var kept = await _db.AttachAsync(_user, _number, AttachmentKind.Otro, "oficio.pdf", "application/pdf", ServiceData.Pdf(4096));
        var store = _db.Services.GetRequiredService<IAttachmentStore>();
        // Content written for work that was then rolled back: an old orphan, a fresh one, and an old unfinished write.
        var old = await store.SaveAsync(new MemoryStream(ServiceData.Pdf(2048)), long.MaxValue, default);
        var fresh = await store.SaveAsync(new MemoryStream(ServiceData.Pdf(2048)), long.MaxValue, default);
        var part = Path.Combine(_db.AttachmentsDirectory, "2026", "03", "abandonado.part");
        await File.WriteAllBytesAsync(part, [1, 2, 3]);
        var now = _db.Time.GetUtcNow().UtcDateTime;
        foreach (var file in _db.StoredFiles())
        {
            File.SetLastWriteTimeUtc(file, now.AddDays(-3));
        }

        File.SetLastWriteTimeUtc(Path.Combine(_db.AttachmentsDirectory, fresh.Key), now.AddHours(-2));

        var removed = await _db.InScopeAsync(sp => sp.GetRequiredService<AttachmentSweeper>().SweepAsync(default));

        Assert.Equal(2, removed);
        var left = _db.StoredFiles().Select(f => Path.GetRelativePath(_db.AttachmentsDirectory, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var row = await _db.InScopeAsync(sp => sp.GetRequiredService<SosepDbContext>().Attachments.AsNoTracking().SingleAsync());
        Assert.Equal(new[] { row.StorageKey, fresh.Key }.Order(StringComparer.Ordinal), left);
        Assert.DoesNotContain(old.Key, left);
        Assert.False(File.Exists(part));
        await using var stream = (await _db.Requests(r => r.Files.OpenAttachmentAsync(_user, _number, kept.Id, default))).Content;
        Assert.True(stream.Length > 0);
    }

    [Fact]
    public async Task OpenAttachment_DpiCopyForStaffWithNoStepInTheProcedure_IsRefusedButTheRequesterAndActingRolesGetIt()
    {
        // A developer is IT staff and may look at a dictamen, but no step of DS-UI-05 is his; Inventarios has one.
        var dictamen = (await _db.Requests(s => s.Opening.OpenAsync(_user, ServiceData.Opinion(), default))).Summary.Number;
        var dpi = await _db.AttachAsync(_user, dictamen, AttachmentKind.CopiaDpi, "dpi.pdf", "application/pdf", ServiceData.Pdf(2048));
        var other = await _db.AttachAsync(_user, dictamen, AttachmentKind.Otro, "nota.pdf", "application/pdf", ServiceData.Pdf(2048));
        var developer = await _db.PersonAsync("Dora Desarrollo", Role.Developer);
        var inventory = await _db.PersonAsync("Irma Inventarios", Role.Inventory);
        var staff = await _db.PersonAsync("Rosa Díaz", Role.InfraHead);
        Assert.Empty((await _db.Requests(s => s.Queries.GetAsync(developer, dictamen, default))).Actions);

        var refused = await Assert.ThrowsAsync<DomainException>(() => _db.Requests(s => s.Files.OpenAttachmentAsync(developer, dictamen, dpi.Id, default)));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Contains("datos personales", refused.Message, StringComparison.Ordinal);
        (await _db.Requests(s => s.Files.OpenAttachmentAsync(developer, dictamen, other.Id, default))).Content.Dispose();
        (await _db.Requests(s => s.Files.OpenAttachmentAsync(_user, dictamen, dpi.Id, default))).Content.Dispose();
        (await _db.Requests(s => s.Files.OpenAttachmentAsync(inventory, dictamen, dpi.Id, default))).Content.Dispose();
        (await _db.Requests(s => s.Files.OpenAttachmentAsync(staff, dictamen, dpi.Id, default))).Content.Dispose();
    }
}
