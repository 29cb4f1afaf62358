using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SosepBot.TestKit;

/// <summary>
/// A logger provider that keeps every entry (category, level, event, message, exception) for assertions:
/// <c>services.AddLogging(b =&gt; b.AddProvider(logs))</c>, or <c>LoggerFactory.Create(b =&gt; b.AddProvider(logs))</c>.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Entries whose category starts with the given prefix (e.g. "SosepBot.").</summary>
    public IReadOnlyList<LogEntry> From(string categoryPrefix) =>
        [.. _entries.Where(e => e.Category.StartsWith(categoryPrefix, StringComparison.Ordinal))];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var properties = state as IReadOnlyList<KeyValuePair<string, object?>>;
            owner._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception, properties ?? []));
        }
    }
}

/// <summary>One captured log entry; <see cref="Properties"/> are the message template's named values.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception,
    IReadOnlyList<KeyValuePair<string, object?>> Properties)
{
    public object? this[string name] => Properties.FirstOrDefault(p => p.Key == name).Value;

    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? string.Empty : " [" + Exception.GetType().Name + "]")}";
}
