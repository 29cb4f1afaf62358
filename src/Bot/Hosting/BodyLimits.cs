using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace SosepBot.Bot.Hosting;

/// <summary>
/// How large a request body each endpoint accepts, checked before the body is read: a declared length over the limit
/// is refused with 413 at once, and a body without a declared length (chunked) is cut off as soon as it passes it.
/// Endpoints say their own limit with <see cref="WithBodyLimit{TBuilder}(TBuilder, long)"/>; the rest get
/// <see cref="DefaultBytes"/>.
/// </summary>
public static class BodyLimits
{
    /// <summary>Endpoints that declare nothing: small JSON bodies (or none).</summary>
    public const long DefaultBytes = 16 * 1024;

    public const string TitleTooLarge = "Cuerpo demasiado grande";

    /// <summary>A body carrying free text (a description or a comment of up to 8,000 characters, JSON-escaped) and a form.</summary>
    public const long TextBytes = 128 * 1024;

    /// <summary>A body with a list (a unit's contacts).</summary>
    public const long ListBytes = 64 * 1024;

    /// <summary>What a multipart upload adds around the file itself (boundaries, headers, the «kind» field).</summary>
    public const long MultipartOverheadBytes = 64 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(_ => bytes));

    /// <summary>A limit read from the options when the request arrives (the Teams activity size, the attachment size).</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, Func<IServiceProvider, long> bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    /// <summary>After routing (which <see cref="WebApplication"/> puts first), so that the endpoint's limit is known.</summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = LimitOf(context);
            if (context.Request.ContentLength > limit)
            {
                context.Response.Headers.Connection = "close"; // nothing more of this body will be read
                await WriteTooLargeAsync(context, limit);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
            {
                server.MaxRequestBodySize = limit;
            }

            var limited = new LimitedReadStream(context.Request.Body, limit);
            context.Request.Body = limited;
            try
            {
                await next(context);
            }
            catch (Exception) when (limited.Exceeded && !context.Response.HasStarted)
            {
                // The reader failed because the body was cut off; the answer is the 413 below.
            }

            if (limited.Exceeded && !context.Response.HasStarted)
            {
                context.Response.Clear();
                await WriteTooLargeAsync(context, limit);
            }
        });

    private static Task WriteTooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = TitleTooLarge,
            Detail = TooLargeDetail(context),
        };
        problem.Extensions["code"] = "PayloadTooLarge";
        problem.Extensions["maxBytes"] = limit;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    /// <summary>The Spanish detail of a 413 for this request's endpoint.</summary>
    public static string TooLargeDetail(HttpContext context) =>
        $"El cuerpo de la solicitud es demasiado grande: esta operación admite hasta {Size(LimitOf(context))}.";

    private static long LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes(context.RequestServices) ?? DefaultBytes;

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.GetCultureInfo("es-GT"), $"{bytes / (1024d * 1024):0.#} MB")
        : string.Create(CultureInfo.GetCultureInfo("es-GT"), $"{bytes / 1024d:0.#} KB");

    /// <summary>Endpoint metadata: the largest body the endpoint accepts.</summary>
    public sealed record BodyLimit(Func<IServiceProvider, long> Bytes);

    /// <summary>Reads on until the limit and fails past it (remembering it), whatever the reader is.</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long read;

        public bool Exceeded { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Count(await inner.ReadAsync(buffer, cancellationToken));
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                Exceeded = true; // the server's own limit (the same one) noticed first
                throw;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            read += n;
            if (read > limit)
            {
                Exceeded = true;
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            return n;
        }
    }
}
