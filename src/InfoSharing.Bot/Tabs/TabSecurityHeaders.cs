namespace InfoSharing.Bot.Tabs;

/// <summary>
/// The headers of every tab response (pages, data and the served scripts): a Content-Security-Policy that loads only
/// the bot's own files (teams-js may fetch Microsoft's list of Teams host origins from res.cdn.office.net; without it,
/// it uses the list it ships) and lets only Teams and Office hosts frame the tabs (plus, in Development, the configured local
/// hosts), no MIME sniffing, no referrer beyond the origin.
/// </summary>
public static class TabSecurityHeaders
{
    /// <summary>The hosts Teams runs tabs in (web, desktop and mobile clients, Outlook and the Microsoft 365 app).</summary>
    public static readonly IReadOnlyList<string> TeamsHosts =
    [
        "https://teams.microsoft.com", "https://*.teams.microsoft.com", "https://teams.cloud.microsoft", "https://*.cloud.microsoft",
        "https://*.teams.microsoft.us", "https://local.teams.office.com", "https://*.office.com", "https://*.office365.com",
        "https://outlook.office.com", "https://*.microsoft365.com",
    ];

    public static string ContentSecurityPolicy(IEnumerable<string> extraAncestors) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' https://res.cdn.office.net; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self' " + string.Join(' ', TeamsHosts.Concat(extraAncestors));

    public static void Apply(HttpResponse response, string policy)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin";
    }
}
