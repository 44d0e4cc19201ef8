using Microsoft.Identity.Client;

namespace InfoSharing.Bot.Auth;

/// <summary>Hands MSAL the named <see cref="IHttpClientFactory"/> client, so its token requests use the host's handlers.</summary>
internal sealed class MsalHttpClientFactory(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => httpClientFactory.CreateClient(AuthServiceCollectionExtensions.TokenHttpClientName);
}
