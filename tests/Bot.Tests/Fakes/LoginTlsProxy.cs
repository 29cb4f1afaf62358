using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SosepBot.Bot.Tests.Fakes;

/// <summary>
/// Lets service processes (<see cref="BotProcess"/>) get their Bot Framework token from <see cref="FakeBotFrameworkIdentity"/>:
/// MSAL accepts https authorities only, and a separate process cannot be given
/// <see cref="RedirectingMsalHttpClientFactory"/>. This is the HTTPS proxy of those processes (HTTPS_PROXY): it answers
/// every CONNECT itself, with a certificate for the Entra ID hosts from a test authority that the processes trust instead
/// of the system's (SSL_CERT_FILE, SSL_CERT_DIR), and relays the plain HTTP inside to the stand-in on loopback. Plain
/// http (the connector, the channel's keys on loopback) goes direct.
/// </summary>
public sealed class LoginTlsProxy : IAsyncDisposable
{
    private static readonly string[] Hosts = ["login.microsoftonline.com", "login.windows.net"];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly X509Certificate2 _certificate;
    private readonly Uri _target;
    private readonly string _directory;
    private readonly Task _accepting;

    private LoginTlsProxy(Uri target, string directory)
    {
        _target = target;
        _directory = directory;
        Directory.CreateDirectory(Path.Combine(directory, "roots"));
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=SosepBot test authority", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));
        File.WriteAllText(AuthorityFile, authority.ExportCertificatePem());

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + Hosts[0], key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in Hosts)
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(authority, now.AddDays(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(12));
        using var withKey = issued.CopyWithPrivateKey(key);
        _certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The environment of a service process that uses this proxy and trusts only its authority.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["HTTPS_PROXY"] = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}",
        ["NO_PROXY"] = "127.0.0.1,localhost",
        ["SSL_CERT_FILE"] = AuthorityFile,
        ["SSL_CERT_DIR"] = Path.Combine(_directory, "roots"),
    };

    private string AuthorityFile => Path.Combine(_directory, "authority.pem");

    /// <summary>Relays what the processes send to the Entra ID hosts to <paramref name="target"/> (plain http on loopback).</summary>
    public static LoginTlsProxy Start(string target, string directory) => new(new Uri(target), directory);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            if (!head.StartsWith("CONNECT ", StringComparison.Ordinal))
            {
                await stream.WriteAsync("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), _stop.Token);
                return;
            }

            await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stop.Token);
            await using var tls = new SslStream(stream);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            var plain = upstream.GetStream();
            await Task.WhenAny(tls.CopyToAsync(plain, _stop.Token), plain.CopyToAsync(tls, _stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // the process went away (killed), or the proxy stops
        }
    }

    /// <summary>The request line and headers of the CONNECT (up to the blank line), read byte by byte: nothing after it is consumed.</summary>
    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (head.Length < 8192 && !head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _listener.Dispose();
        _certificate.Dispose();
        _stop.Dispose();
    }
}
