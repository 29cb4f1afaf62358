namespace SosepBot.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite = 1,
    SqlServer = 2,
    PostgreSql = 3,
}
