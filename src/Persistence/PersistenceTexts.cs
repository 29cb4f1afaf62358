namespace SosepBot.Persistence;

/// <summary>Every refusal of the database backup (<see cref="DatabaseBackup"/>), in one place for a reviewer.</summary>
public static class PersistenceTexts
{
    public const string ServerDatabase =
        "La base de datos está en un servidor (PostgreSQL o SQL Server): respáldela con sus propias herramientas (pg_dump, o BACKUP DATABASE en SQL Server); este comando respalda la base SQLite incorporada y sus archivos.";
    public const string BackupFolderNeeded = "Indique la carpeta del respaldo con --out CARPETA.";

    public static string FolderNotEmpty(string path) =>
        $"La carpeta {path} ya existe y no está vacía: indique una nueva (un respaldo nunca sobrescribe otro).";
}
