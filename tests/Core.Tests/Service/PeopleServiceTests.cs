using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SosepBot.Core.Errors;
using SosepBot.Core.People;
using SosepBot.Core.Persistence;
using SosepBot.Core.Requests;
using SosepBot.TestKit;

namespace SosepBot.Core.Tests.Service;

/// <summary>People, their roles (English or Spanish names) and their API keys.</summary>
public sealed class PeopleServiceTests : IAsyncLifetime
{
    private const string Email = "ana.perez@sosep.gob.gt";

    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await People(p => p.UpsertAsync(new PersonInput { Email = "Ana.Perez@SOSEP.gob.gt", DisplayName = " Ana Pérez " }, default));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AuthenticateApiKey_IssuedKey_IsItsPerson()
    {
        var issued = await People(p => p.IssueApiKeyAsync(Email, "integración", default));

        var person = await People(p => p.AuthenticateApiKeyAsync(issued.Key, default));

        Assert.NotNull(person);
        Assert.Equal((Email, "Ana Pérez"), (person.Email, person.DisplayName));
        Assert.Equal(Email, issued.Email);
        Assert.StartsWith(issued.Prefix + ".", issued.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateApiKey_WrongSecret_IsNull()
    {
        var issued = await People(p => p.IssueApiKeyAsync(Email, null, default));
        var secret = issued.Key[(issued.Prefix.Length + 1)..];
        var wrong = $"{issued.Prefix}.{(secret[0] == 'A' ? 'B' : 'A')}{secret[1..]}";

        Assert.Null(await People(p => p.AuthenticateApiKeyAsync(wrong, default)));
        Assert.Null(await People(p => p.AuthenticateApiKeyAsync(issued.Prefix + ".", default)));
        Assert.NotNull(await People(p => p.AuthenticateApiKeyAsync(issued.Key, default)));
    }

    [Fact]
    public async Task AuthenticateApiKey_UnknownPrefix_IsNull()
    {
        var issued = await People(p => p.IssueApiKeyAsync(Email, null, default));
        var secret = issued.Key[(issued.Prefix.Length + 1)..];

        Assert.Null(await People(p => p.AuthenticateApiKeyAsync($"sk_000000000000.{secret}", default)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sk_abc")]
    [InlineData(".secreto")]
    [InlineData("pk_abcdef.secreto")]
    public async Task AuthenticateApiKey_Malformed_IsNull(string? presented)
    {
        await People(p => p.IssueApiKeyAsync(Email, null, default));

        Assert.Null(await People(p => p.AuthenticateApiKeyAsync(presented, default)));
    }

    [Fact]
    public async Task AuthenticateApiKey_RevokedKey_IsNullWhileAnotherKeyStillWorks()
    {
        var revoked = await People(p => p.IssueApiKeyAsync(Email, "vieja", default));
        var kept = await People(p => p.IssueApiKeyAsync(Email, "nueva", default));

        Assert.True(await People(p => p.RevokeApiKeyAsync(revoked.Prefix, default)));

        Assert.Null(await People(p => p.AuthenticateApiKeyAsync(revoked.Key, default)));
        Assert.NotNull(await People(p => p.AuthenticateApiKeyAsync(kept.Key, default)));
        Assert.False(await People(p => p.RevokeApiKeyAsync(revoked.Prefix, default)));
        Assert.False(await People(p => p.RevokeApiKeyAsync("sk_000000000000", default)));
    }

    [Fact]
    public async Task AuthenticateApiKey_PersonDeactivated_IsNullAndKeysAreRevoked()
    {
        var issued = await People(p => p.IssueApiKeyAsync(Email, null, default));

        await People(p => p.DeactivateAsync(Email, default));

        Assert.Null(await People(p => p.AuthenticateApiKeyAsync(issued.Key, default)));
        var key = await Db(db => db.ApiKeys.AsNoTracking().SingleAsync());
        Assert.Equal(_db.Time.GetUtcNow(), key.RevokedAt);
        var person = await People(p => p.FindByEmailAsync(Email, default));
        Assert.False(person!.IsActive);
        Assert.Null(PeopleService.ActorOf(person, Channel.Api));
    }

    [Fact]
    public async Task IssueApiKey_Secret_IsStoredOnlyAsA32ByteHash()
    {
        var issued = await People(p => p.IssueApiKeyAsync(Email, "integración", default));
        var secret = issued.Key[(issued.Prefix.Length + 1)..];

        var row = await Db(db => db.ApiKeys.AsNoTracking().SingleAsync());

        Assert.Equal(32, row.SecretHash.Length);
        Assert.NotEqual(Encoding.UTF8.GetBytes(secret), row.SecretHash);
        Assert.NotEqual(Encoding.UTF8.GetBytes(issued.Key), row.SecretHash);
        Assert.Equal(issued.Prefix, row.Prefix);
        Assert.DoesNotContain(secret, row.Prefix + row.Label, StringComparison.Ordinal);
        Assert.False(_db.StoredDataContains(Encoding.UTF8.GetBytes(secret)), "The secret must not be written to the database.");
        Assert.True(secret.Length >= 40, "The secret should carry 256 bits.");
    }

    [Fact]
    public async Task IssueApiKey_TwoKeys_HaveDifferentPrefixesAndSecrets()
    {
        var first = await People(p => p.IssueApiKeyAsync(Email, null, default));
        var second = await People(p => p.IssueApiKeyAsync(Email, null, default));

        Assert.NotEqual(first.Prefix, second.Prefix);
        Assert.NotEqual(first.Key[(first.Prefix.Length + 1)..], second.Key[(second.Prefix.Length + 1)..]);
    }

    [Fact]
    public async Task IssueApiKey_UnknownPerson_IsNotFound()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => People(p => p.IssueApiKeyAsync("nadie@sosep.gob.gt", null, default)));

        Assert.Equal(ErrorKind.NotFound, refusal.Kind);
        Assert.Empty(await Db(db => db.ApiKeys.ToListAsync()));
    }

    [Fact]
    public async Task Upsert_UnknownRoleName_IsInvalidListingTheRolesAndSavesNothing()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => People(p => p.UpsertAsync(
            new PersonInput { Email = "bruno@sosep.gob.gt", DisplayName = "Bruno", Roles = ["Technician", "Hechicero"] }, default)));

        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        Assert.Equal("roles", refusal.Field);
        Assert.Contains("«Hechicero» no existe", refusal.Message, StringComparison.Ordinal);
        Assert.All(Enum.GetValues<Role>(), role => Assert.True(
            refusal.Message.Contains(role.ToString(), StringComparison.Ordinal) || refusal.Message.Contains(role.ToSpanish(), StringComparison.Ordinal),
            $"The message should name the role {role}."));
        Assert.Null(await People(p => p.FindByEmailAsync("bruno@sosep.gob.gt", default)));
    }

    [Fact]
    public async Task ChangeRole_UnknownRoleName_IsInvalidAndRolesAreKept()
    {
        await People(p => p.ChangeRoleAsync(Email, "Technician", grant: true, default));

        var refusal = await Assert.ThrowsAsync<DomainException>(() => People(p => p.ChangeRoleAsync(Email, "Mago", grant: true, default)));

        Assert.Equal(ErrorKind.Invalid, refusal.Kind);
        Assert.Contains("«Mago»", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { Role.Technician }, await RolesAsync());
    }

    [Fact]
    public async Task Upsert_SpanishRoleNames_AreParsed()
    {
        await People(p => p.UpsertAsync(new PersonInput
        {
            Email = Email,
            DisplayName = "Ana Pérez",
            Roles = ["Técnico de Hardware y Software", "jefe de infraestructura y helpdesk", "Asistente de Informática"],
        }, default));

        Assert.Equal(new[] { Role.Assistant, Role.InfraHead, Role.Technician }, await RolesAsync());
    }

    [Fact]
    public async Task ChangeRole_SpanishNameGrantedThenRevoked_IsPersisted()
    {
        await People(p => p.ChangeRoleAsync(Email, "Técnico IT Sedes Departamentales", grant: true, default));
        await People(p => p.ChangeRoleAsync(Email, "Tecnico de Base de Datos", grant: true, default));
        Assert.Equal(new[] { Role.SiteTechnician, Role.Dba }, await RolesAsync());

        await People(p => p.ChangeRoleAsync(Email, "técnico it sedes departamentales", grant: false, default));

        Assert.Equal(new[] { Role.Dba }, await RolesAsync());
    }

    [Fact]
    public async Task Upsert_ExistingPersonWithOtherRoles_RolesAreReplacedAndEmailIsNormalised()
    {
        await People(p => p.UpsertAsync(new PersonInput { Email = Email, DisplayName = "Ana", Roles = ["Technician", "Dba"] }, default));

        var person = await People(p => p.UpsertAsync(new PersonInput { Email = " ANA.PEREZ@sosep.gob.gt ", DisplayName = "Ana P.", Roles = ["InfraHead"] }, default));

        Assert.Equal(Email, person.Email);
        Assert.Equal(new[] { Role.InfraHead }, await RolesAsync());
        Assert.Single(await People(p => p.ListAsync(default)));
    }

    private async Task<Role[]> RolesAsync()
    {
        var person = await People(p => p.FindByEmailAsync(Email, default));
        return person!.Roles.Select(r => r.Role).Order().ToArray();
    }

    private Task<T> People<T>(Func<PeopleService, Task<T>> work) =>
        _db.InScopeAsync(sp => work(sp.GetRequiredService<PeopleService>()));

    private async Task People(Func<PeopleService, Task> work) =>
        await _db.InScopeAsync(async sp =>
        {
            await work(sp.GetRequiredService<PeopleService>());
            return true;
        });

    private Task<T> Db<T>(Func<SosepDbContext, Task<T>> work) =>
        _db.InScopeAsync(sp => work(sp.GetRequiredService<SosepDbContext>()));
}
