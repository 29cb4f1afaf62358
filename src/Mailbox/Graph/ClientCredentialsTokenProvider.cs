using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions.Authentication;

namespace SosepBot.Mailbox.Graph;

/// <summary>Application tokens for Graph (OAuth 2.0 client credentials), cached until shortly before they expire.</summary>
public sealed class ClientCredentialsTokenProvider(HttpClient http, IOptions<MailboxOptions> options, TimeProvider time) : IAccessTokenProvider, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public AllowedHostsValidator AllowedHostsValidator { get; } = new([options.Value.Graph.BaseUrl.Host]);

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && time.GetUtcNow() < _expires)
            {
                return _token;
            }

            var g = options.Value.Graph;
            var endpoint = new Uri(g.Authority, $"{g.TenantId}/oauth2/v2.0/token");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = g.ClientId ?? string.Empty,
                ["client_secret"] = g.ClientSecret ?? string.Empty,
                ["scope"] = $"{g.BaseUrl.Scheme}://{g.BaseUrl.Authority}/.default",
            });
            using var response = await http.PostAsync(endpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new HttpRequestException("The token endpoint answered no token.");
            _token = token.AccessToken;
            _expires = time.GetUtcNow().AddSeconds(Math.Max(60, token.ExpiresIn) - 60);
            return _token;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
