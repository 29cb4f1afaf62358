using Microsoft.Extensions.Logging;

namespace SosepBot.Mailbox.Bench;

/// <summary>Counts the pipeline's warnings and errors and prints the first few to stderr: a benchmark that silently fell back to a slow path would mislead.</summary>
internal sealed class WarningCounter : ILoggerProvider, ILogger
{
    private int count;

    public int Count => count;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel) && Interlocked.Increment(ref count) <= 5)
        {
            Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
        }
    }

    public void Dispose()
    {
    }
}
