using Microsoft.EntityFrameworkCore;
using SosepBot.Core.Attachments;
using SosepBot.Core.Audit;
using SosepBot.Core.Documents;
using SosepBot.Core.Mail;
using SosepBot.Core.Notifications;
using SosepBot.Core.People;
using SosepBot.Core.Requests;
using SosepBot.Core.Scheduled;

namespace SosepBot.Core.Persistence;

/// <summary>
/// The application's tables and the unit of work every service writes through. Each provider has a derived context
/// with its own migrations and write paths, in the persistence project (SosepBot.Persistence).
/// </summary>
public abstract class SosepDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();

    public DbSet<PersonRole> PersonRoles => Set<PersonRole>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Request> Requests => Set<Request>();

    public DbSet<RequestCounter> RequestCounters => Set<RequestCounter>();

    public DbSet<Comment> Comments => Set<Comment>();

    /// <summary>The search's word index, kept in step by <see cref="SaveChangesAsync(bool, CancellationToken)"/> and <see cref="InsertAsync{T}"/>.</summary>
    public DbSet<RequestWord> RequestWords => Set<RequestWord>();

    /// <summary>The one-time data steps done on this database (the persistence project's start-up runs each once).</summary>
    public DbSet<DataStep> DataSteps => Set<DataStep>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<RequestEvent> RequestEvents => Set<RequestEvent>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<JobNotice> JobNotices => Set<JobNotice>();

    public DbSet<MaintenancePlan> MaintenancePlans => Set<MaintenancePlan>();

    public DbSet<MaintenancePlanVisit> MaintenancePlanVisits => Set<MaintenancePlanVisit>();

    public DbSet<Units.Unit> Units => Set<Units.Unit>();

    public DbSet<Units.UnitContact> UnitContacts => Set<Units.UnitContact>();

    public DbSet<GeneratedDocument> GeneratedDocuments => Set<GeneratedDocument>();

    public DbSet<RequestTester> RequestTesters => Set<RequestTester>();

    public DbSet<Teams.TeamsInboundActivity> TeamsInboundActivities => Set<Teams.TeamsInboundActivity>();

    public DbSet<Teams.TeamsConversationReference> TeamsConversationReferences => Set<Teams.TeamsConversationReference>();

    public DbSet<Teams.TeamsConversationLease> ConversationLeases => Set<Teams.TeamsConversationLease>();

    public DbSet<Teams.TeamsConversationPace> ConversationSendPaces => Set<Teams.TeamsConversationPace>();

    public DbSet<MailRecord> MailRecords => Set<MailRecord>();

    public DbSet<QuarantinedMail> QuarantinedMails => Set<QuarantinedMail>();

    public DbSet<MailboxCursor> MailboxCursors => Set<MailboxCursor>();

    public DbSet<SignIn.LoginLink> LoginLinks => Set<SignIn.LoginLink>();

    public DbSet<SignIn.DataProtectionKeyRecord> DataProtectionKeys => Set<SignIn.DataProtectionKeyRecord>();

    /// <summary>
    /// Writes NEW rows of one entity type in the current transaction and gives them their store-generated keys; the
    /// rows are not tracked afterwards (nor what their navigations reach). Requests and comments get their word rows
    /// (<see cref="RequestWordIndex"/>) written the same way.
    /// </summary>
    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        await InsertRowsAsync(rows, cancellationToken);
        if (await RequestWordIndex.OfInsertedAsync(this, rows, cancellationToken) is { Count: > 0 } words)
        {
            await InsertRowsAsync(words, cancellationToken);
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> to the year's request counter in the current transaction and answers its new last
    /// number, or null when the year has no counter yet. The row stays locked until the transaction ends. Here an update
    /// and a read; a provider's context may do it in one statement (UPDATE … RETURNING).
    /// </summary>
    public virtual async Task<int?> AdvanceRequestCounterAsync(int year, int count, CancellationToken cancellationToken)
    {
        if (await RequestCounters.Where(c => c.Year == year)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + count), cancellationToken) == 0)
        {
            return null;
        }

        return await RequestCounters.Where(c => c.Year == year).Select(c => c.Last).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="InsertAsync{T}"/>'s write, through DbContext's SaveChanges here (the word index is written by
    /// <see cref="InsertAsync{T}"/> itself); a provider's context may write them its faster way (SQLite: one prepared
    /// statement per table).
    /// </summary>
    protected virtual async Task InsertRowsAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var row in rows)
            {
                // The row and the owned parts stored in its table (a request's form and equipment), not the entities its
                // navigations reach.
                ChangeTracker.TrackGraph(row, node =>
                {
                    if (ReferenceEquals(node.Entry.Entity, row) || node.Entry.Metadata.IsOwned())
                    {
                        node.Entry.State = EntityState.Added;
                    }
                });
            }

            await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            foreach (var row in rows)
            {
                var entry = Entry(row);
                foreach (var owned in entry.References.Where(r => r.Metadata.TargetEntityType.IsOwned()).Select(r => r.TargetEntry).OfType<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry>().ToList())
                {
                    owned.State = EntityState.Detached;
                }

                entry.State = EntityState.Detached;
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Saves the tracked changes with the word rows they need (<see cref="RequestWordIndex.StageAsync"/>) in the same save.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var words = await RequestWordIndex.StageAsync(this, cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            Forget(words);
        }
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)"/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var words = RequestWordIndex.StageAsync(this, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            Forget(words);
        }
    }

    /// <summary>The word rows staged for a save are not kept tracked: saved or not, the next save stages afresh.</summary>
    private void Forget(IReadOnlyList<RequestWord> words)
    {
        foreach (var word in words)
        {
            Entry(word).State = EntityState.Detached;
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Person>(e =>
        {
            e.ToTable("People");
            e.Property(p => p.DisplayName).HasMaxLength(200);
            e.Property(p => p.Email).HasMaxLength(254);
            e.HasIndex(p => p.Email).IsUnique();
            e.Property(p => p.Unit).HasMaxLength(200);
            e.Property(p => p.SearchName).HasMaxLength(460);
            e.Property(p => p.AadObjectId).HasMaxLength(100);
            e.HasIndex(p => p.AadObjectId);
            e.Property(p => p.Notices).HasConversion<string>().HasMaxLength(20).HasDefaultValue(NoticeMode.Immediate).HasSentinel(NoticeMode.Immediate);
            e.HasMany(p => p.Roles).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PersonRole>(e =>
        {
            e.ToTable("PersonRoles");
            e.HasKey(r => new { r.PersonId, r.Role });
            e.Property(r => r.Role).HasConversion<string>().HasMaxLength(40);
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("ApiKeys");
            e.Property(k => k.Prefix).HasMaxLength(40);
            e.HasIndex(k => k.Prefix).IsUnique();
            e.Property(k => k.SecretHash).HasMaxLength(32);
            e.Property(k => k.Label).HasMaxLength(200);
            e.HasOne(k => k.Person).WithMany().HasForeignKey(k => k.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SignIn.LoginLink>(e =>
        {
            e.ToTable("LoginLinks");
            e.Property(l => l.TokenHash).HasMaxLength(32);
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.HasOne(l => l.Person).WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SignIn.DataProtectionKeyRecord>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.Property(k => k.FriendlyName).HasMaxLength(200);
        });

        modelBuilder.Entity<DataStep>(e =>
        {
            e.ToTable("DataSteps");
            e.HasKey(d => d.Name);
            e.Property(d => d.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<RequestCounter>(e =>
        {
            e.ToTable("RequestCounters");
            e.HasKey(c => c.Year);
            e.Property(c => c.Year).ValueGeneratedNever();
            e.Property(c => c.Last).IsConcurrencyToken();
        });

        modelBuilder.Entity<Request>(e =>
        {
            e.ToTable("Requests");
            e.Property(r => r.Number).HasMaxLength(20);
            e.HasIndex(r => r.Number).IsUnique();
            e.Property(r => r.ProcedureCode).HasMaxLength(20);
            e.Property(r => r.State).HasMaxLength(60);
            e.Property(r => r.Title).HasMaxLength(200);
            e.Property(r => r.Description).HasMaxLength(8000);
            e.Property(r => r.Unit).HasMaxLength(200);
            e.Property(r => r.OpenedVia).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Priority).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.Property(r => r.PausedState).HasMaxLength(60);
            e.HasIndex(r => new { r.ProcedureCode, r.State });
            e.HasIndex(r => r.RequesterId);
            e.HasIndex(r => r.AssigneeId);
            e.HasIndex(r => r.DueAt);
            e.HasIndex(r => r.CreatedAt);
            // Closures by time with what the director's figures count of them (procedure, technician, within the limit,
            // business time): the figures read the index alone, not a table row per closure. Also serves "open" (ClosedAt NULL).
            e.HasIndex(r => new { r.ClosedAt, r.ProcedureCode, r.AssigneeId, r.LimitExceeded, r.ResolutionBusinessSeconds })
                .HasDatabaseName("IX_Requests_Closures");
            e.HasIndex(r => r.ParentId);
            e.HasOne(r => r.Requester).WithMany().HasForeignKey(r => r.RequesterId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(r => r.Assignee).WithMany().HasForeignKey(r => r.AssigneeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Request>().WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Comments).WithOne().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.History).WithOne().HasForeignKey(h => h.RequestId).OnDelete(DeleteBehavior.Restrict);
            e.PrimitiveCollection(r => r.Approvals);
            e.OwnsOne(r => r.Form, f =>
            {
                f.Property(x => x.FormCode).HasColumnName("FormCode").HasMaxLength(20);
                f.Property(x => x.ChangeKind).HasColumnName("FormChangeKind").HasConversion<string>().HasMaxLength(20);
                f.Property(x => x.ModuleOrSystem).HasColumnName("FormModuleOrSystem").HasMaxLength(200);
                f.Property(x => x.OperationalUnit).HasColumnName("FormOperationalUnit").HasMaxLength(200);
                f.Property(x => x.ProgramSiteDirection).HasColumnName("FormProgramSiteDirection").HasMaxLength(200);
                f.Property(x => x.DirectorOrHead).HasColumnName("FormDirectorOrHead").HasMaxLength(200);
                f.Property(x => x.FirstNames).HasColumnName("FormFirstNames").HasMaxLength(120);
                f.Property(x => x.LastNames).HasColumnName("FormLastNames").HasMaxLength(120);
                f.Property(x => x.Nit).HasColumnName("FormNit").HasMaxLength(20);
                f.Property(x => x.Cui).HasColumnName("FormCui").HasMaxLength(13);
                f.Property(x => x.InstitutionalEmail).HasColumnName("FormInstitutionalEmail").HasMaxLength(254);
                f.Property(x => x.JobTitle).HasColumnName("FormJobTitle").HasMaxLength(200);
                f.Property(x => x.Profile).HasColumnName("FormProfile").HasMaxLength(200);
                f.Property(x => x.InternetAccess).HasColumnName("FormInternetAccess").HasConversion<string>().HasMaxLength(40);
                f.Property(x => x.SpecialPermissions).HasColumnName("FormSpecialPermissions").HasMaxLength(1000);
                f.Property(x => x.SicoinAccount).HasColumnName("FormSicoinAccount");
                f.Property(x => x.SigesAccount).HasColumnName("FormSigesAccount");
                f.Property(x => x.Justification).HasColumnName("FormJustification").HasMaxLength(4000);
            });
            e.Navigation(r => r.Form).IsRequired();
            e.OwnsOne(r => r.Equipment, q =>
            {
                q.Property(x => x.Kind).HasColumnName("EquipmentKind").HasMaxLength(100);
                q.Property(x => x.Brand).HasColumnName("EquipmentBrand").HasMaxLength(100);
                q.Property(x => x.Model).HasColumnName("EquipmentModel").HasMaxLength(100);
                q.Property(x => x.Colour).HasColumnName("EquipmentColour").HasMaxLength(60);
                q.Property(x => x.SerialNumber).HasColumnName("EquipmentSerialNumber").HasMaxLength(100);
                q.Property(x => x.AssetNumber).HasColumnName("EquipmentAssetNumber").HasMaxLength(100);
                q.Property(x => x.Findings).HasColumnName("EquipmentFindings").HasMaxLength(4000);
                q.Property(x => x.Diagnosis).HasColumnName("EquipmentDiagnosis").HasMaxLength(4000);
                q.Ignore(x => x.IsComplete);
            });
            e.Navigation(r => r.Equipment).IsRequired();
        });

        modelBuilder.Entity<Comment>(e =>
        {
            e.ToTable("Comments");
            e.Property(c => c.Text).HasMaxLength(8000);
            e.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        });

        modelBuilder.Entity<Attachment>(e =>
        {
            e.ToTable("Attachments");
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(a => a.FileName).HasMaxLength(255);
            e.Property(a => a.ContentType).HasMaxLength(150);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.StorageKey).HasMaxLength(300);
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.Property(a => a.ActorName).HasMaxLength(200);
            e.Property(a => a.Role).HasMaxLength(100);
            e.Property(a => a.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.FromState).HasMaxLength(60);
            e.Property(a => a.ToState).HasMaxLength(60);
            e.Property(a => a.Detail).HasMaxLength(8000);
            e.HasIndex(a => new { a.RequestId, a.At });
        });

        modelBuilder.Entity<RequestEvent>(e =>
        {
            e.ToTable("RequestEvents");
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Action).HasMaxLength(60);
            e.Property(x => x.FromState).HasMaxLength(60);
            e.Property(x => x.ToState).HasMaxLength(60);
            e.Property(x => x.Detail).HasMaxLength(8000);
            e.HasIndex(x => x.ProcessedAt);
            e.HasOne(x => x.Request).WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Restrict);
        });

        // Features configure their tables in IEntityTypeConfiguration<T> classes of their own folder
        // (e.g. Notifications/OutboxMessageConfiguration).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SosepDbContext).Assembly);
    }
}
