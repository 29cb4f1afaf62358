using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SosepBot.Core.Errors;
using SosepBot.Core.Requests;

namespace SosepBot.Core.Attachments;

/// <summary>Stores files under the configured directory as <c>yyyy/MM/{random}</c>, written to a temporary name first.</summary>
public sealed class FileAttachmentStore(IOptions<AttachmentOptions> options, TimeProvider time) : IAttachmentStore
{
    private readonly string _root = Path.GetFullPath(options.Value.Directory);

    public async Task<StoredContent> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var now = time.GetUtcNow();
        var key = $"{now:yyyy}/{now:MM}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[16];
        var headLength = 0;
        long size = 0;
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new DomainException(ErrorKind.Invalid,
                            RequestTexts.FileTooLarge(maxBytes)) { Field = "archivo" };
                    }

                    if (headLength < head.Length)
                    {
                        var take = Math.Min(head.Length - headLength, read);
                        Array.Copy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }

                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await file.FlushAsync(cancellationToken);
            }

            File.Move(temp, path);
        }
        finally
        {
            File.Delete(temp);
        }

        return new StoredContent(key, size, Convert.ToHexStringLower(sha.GetHashAndReset()), head[..headLength]);
    }

    public Task<Stream> OpenAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public IEnumerable<StoredKey> List()
    {
        if (!System.IO.Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            yield return new StoredKey(Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'), File.GetLastWriteTimeUtc(path));
        }
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Attachment key escapes the store.");
        }

        return path;
    }
}
