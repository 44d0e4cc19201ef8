using Microsoft.IdentityModel.Protocols;

namespace InfoSharing.Bot.Auth;

/// <summary>
/// Fetches metadata and key documents through the named <see cref="IHttpClientFactory"/> client
/// (<see cref="AuthServiceCollectionExtensions.MetadataHttpClientName"/>), refusing plain http unless allowed.
/// </summary>
internal sealed class HttpClientDocumentRetriever(IHttpClientFactory httpClientFactory, bool requireHttps) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"Metadata address '{address}' is not an absolute http(s) URL.");
        }

        if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"Metadata address '{address}' must use https.");
        }

        using var client = httpClientFactory.CreateClient(AuthServiceCollectionExtensions.MetadataHttpClientName);
        using var response = await client.GetAsync(uri, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"Metadata address '{address}' answered {(int)response.StatusCode}.", inner: null, response.StatusCode);
        }

        return await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
    }
}
