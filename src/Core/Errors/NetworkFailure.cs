using System.Net.Sockets;

namespace SosepBot.Core.Errors;

/// <summary>
/// Failures the service expects from time to time — a server down or unreachable, a name that does not resolve, a
/// connection dropped, a timeout — which are logged as one Warning line with their cause and no stack trace (stack
/// traces are for the unexpected).
/// </summary>
public static class NetworkFailure
{
    private const int MaxCause = 300;

    /// <summary>
    /// Whether the exception, or one it wraps, is a network failure: <see cref="HttpRequestException"/>,
    /// <see cref="SocketException"/>, <see cref="TimeoutException"/>, or what <paramref name="alsoExpected"/> adds for a
    /// channel's own library (MailKit's dropped connections, Graph's server errors…).
    /// </summary>
    public static bool IsExpected(Exception exception, Func<Exception, bool>? alsoExpected = null) =>
        Find(exception, alsoExpected) is not null;

    /// <summary>The cause in one short line: the innermost network failure's message (e.g. «Connection refused (127.0.0.1:993)»).</summary>
    public static string Cause(Exception exception, Func<Exception, bool>? alsoExpected = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var cause = Find(exception, alsoExpected) ?? exception;
        var text = $"{cause.GetType().Name}: {cause.Message}".ReplaceLineEndings(" ");
        return text.Length <= MaxCause ? text : text[..MaxCause] + "…";
    }

    private static Exception? Find(Exception? exception, Func<Exception, bool>? alsoExpected)
    {
        // HttpClient's own exception names the endpoint («Connection refused (127.0.0.1:9)»); otherwise the innermost
        // match says the most.
        Exception? found = null;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException)
            {
                return e;
            }

            if (e is SocketException or TimeoutException || alsoExpected?.Invoke(e) == true)
            {
                found = e;
            }
        }

        return found;
    }
}
