using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace InfoSharing.Bot.Connector;

/// <summary>
/// Which serviceUrls may receive the bot's bearer token (anti-SSRF, protocol.md §4.6, §7 pitfall 4). Pure: no I/O, no DNS.
/// A serviceUrl is allowed when it is an absolute https URL (http only for an allowed loopback host) without user info,
/// query or fragment, whose host equals an exact pattern or ends with the suffix of a <c>*.</c> pattern. Hosts are compared
/// in their IDN (punycode) form, which is the name the HTTP stack connects to.
/// </summary>
public sealed class ServiceUrlPolicy
{
    private readonly HashSet<string> exactHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> wildcardSuffixes = [];
    private readonly bool allowLoopback;

    public ServiceUrlPolicy(IEnumerable<string> hostPatterns, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(hostPatterns);
        foreach (var pattern in hostPatterns)
        {
            if (!IsValidHostPattern(pattern))
            {
                throw new ArgumentException($"'{pattern}' is not a host name or a '*.domain.tld' pattern.", nameof(hostPatterns));
            }

            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                wildcardSuffixes.Add(pattern[1..]);
            }
            else
            {
                exactHosts.Add(pattern);
            }
        }

        this.allowLoopback = allowLoopback;
    }

    public static ServiceUrlPolicy FromOptions(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ServiceUrlPolicy(options.EffectiveAllowedServiceUrlHosts, options.AllowLoopback);
    }

    /// <summary>True when <paramref name="serviceUrl"/> may receive the bot's token.</summary>
    public bool IsAllowed([NotNullWhen(true)] string? serviceUrl) => TryGetBaseUri(serviceUrl, out _);

    /// <summary>
    /// Checks <paramref name="serviceUrl"/> and returns its canonical form ending in exactly one '/', ready for <c>v3/…</c>
    /// to be appended.
    /// </summary>
    public bool TryGetBaseUri([NotNullWhen(true)] string? serviceUrl, [NotNullWhen(true)] out Uri? baseUri)
    {
        baseUri = null;
        if (string.IsNullOrWhiteSpace(serviceUrl)
            || !Uri.TryCreate(serviceUrl.Trim(), UriKind.Absolute, out var uri)
            || uri.UserInfo.Length > 0
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0)
        {
            return false;
        }

        var isHttps = string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal);
        var isHttp = string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal);
        var allowed = IsAllowedLoopback(uri) ? isHttps || isHttp : isHttps && IsAllowedHost(uri.IdnHost);
        if (!allowed)
        {
            return false;
        }

        var path = uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        baseUri = new Uri(path, UriKind.Absolute);
        return true;
    }

    /// <summary>An exact host name (or IP literal), or <c>*.</c> followed by a host name with at least two labels.</summary>
    public static bool IsValidHostPattern([NotNullWhen(true)] string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Trim().Length != pattern.Length)
        {
            return false;
        }

        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = pattern[2..];
            return suffix.Contains('.', StringComparison.Ordinal)
                && !suffix.EndsWith('.')
                && Uri.CheckHostName(suffix) == UriHostNameType.Dns;
        }

        return !pattern.EndsWith('.') && Uri.CheckHostName(pattern) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }

    private bool IsAllowedLoopback(Uri uri)
    {
        if (!allowLoopback)
        {
            return false;
        }

        return uri.HostNameType switch
        {
            UriHostNameType.Dns => string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase),
            UriHostNameType.IPv4 or UriHostNameType.IPv6 => IPAddress.TryParse(uri.DnsSafeHost, out var address)
                && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback)),
            _ => false,
        };
    }

    private bool IsAllowedHost(string host)
    {
        if (exactHosts.Contains(host))
        {
            return true;
        }

        foreach (var suffix in wildcardSuffixes)
        {
            // suffix is ".domain.tld": "a.domain.tld" and "a.b.domain.tld" match, "domain.tld" and "evildomain.tld" do not.
            if (host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
