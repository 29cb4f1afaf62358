using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SosepBot.Bench;

namespace SosepBot.Jobs.Bench;

/// <summary>
/// The plans of the statements a piece of work runs: EF Core's diagnostic events give each executed command with its
/// parameters, and the engine explains it again on a connection of its own (EXPLAIN QUERY PLAN / EXPLAIN).
/// </summary>
internal static class QueryPlans
{
    public static async Task<IReadOnlyList<string>> OfAsync(BenchDatabase database, Func<Task> work)
    {
        var seen = new List<(string Sql, Dictionary<string, object?> Parameters)>();
        using (DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
               {
                   if (listener.Name == DbLoggerCategory.Name)
                   {
                       listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                       {
                           if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data)
                           {
                               lock (seen)
                               {
                                   seen.Add((data.Command.CommandText, data.Command.Parameters.Cast<DbParameter>().ToDictionary(p => Name(p.ParameterName), p => (object?)p.Value)));
                               }
                           }
                       }));
                   }
               })))
        {
            // EF Core re-checks whether anyone listens only now and then: run the work until its commands were seen.
            for (var attempt = 0; attempt < 5 && seen.Count == 0; attempt++)
            {
                await Task.Delay(attempt * 1000);
                await work();
            }
        }

        await using var connection = database.Connect();
        await connection.OpenAsync();
        var lines = new List<string>();
        foreach (var (sql, parameters) in seen)
        {
            lines.Add("SQL: " + string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())));
            lines.AddRange(await Sql.LinesAsync(connection, database.Explain + sql, parameters));
        }

        return lines;
    }

    private static string Name(string name) => name.StartsWith('@') || name.StartsWith('$') || name.StartsWith(':') ? name : "@" + name;

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => next(value);
    }
}
