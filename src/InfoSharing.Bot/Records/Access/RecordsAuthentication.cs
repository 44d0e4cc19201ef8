using System.Net;
using InfoSharing.Bot.Records.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Records.Access;

/// <summary>
/// The records API's own sign-in: the standard JWT bearer handler under its own scheme, configured from
/// <c>Records:Auth</c> (authority, audience, optional metadata address), with app roles read from the
/// <c>roles</c> claim. It never sees <c>/api/messages</c>, whose Bot Framework tokens are checked in <c>Auth/</c>.
/// </summary>
public static class RecordsAuthentication
{
    public const string Scheme = "RecordsEntra";
    public const string ReadPolicy = "Records.ReadPolicy";
    public const string ManagePolicy = "Records.ManagePolicy";
    public const string MetadataHttpClientName = "InfoSharing.Bot.Records.Metadata";
    public const string RolesClaim = "roles";
    public const string ObjectIdClaim = "oid";
    public const string NameClaim = "name";
    public const string RecordsPath = "/records";

    /// <summary>The Teams tabs' data endpoints, which take the same Entra ID tokens (Teams SSO) as the records API.</summary>
    public const string TabsApiPath = "/tabs/api";

    /// <summary>The access mode these settings give in this environment.</summary>
    public static RecordsAccessMode ModeFor(RecordsAuthOptions auth, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(environment);
        return auth.IsConfigured ? RecordsAccessMode.Token
            : environment.IsDevelopment() ? RecordsAccessMode.DevelopmentLoopback
            : RecordsAccessMode.Disabled;
    }

    /// <summary>True for 127.0.0.0/8 and ::1 (also IPv4-mapped); false for none at all (an in-process test server has none).</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    internal static void Configure(JwtBearerOptions jwt, IOptions<RecordsOptions> records, IHttpClientFactory http)
    {
        var auth = records.Value.Auth;
        jwt.Authority = Blank(auth.Authority);
        jwt.MetadataAddress = Blank(auth.MetadataAddress) ?? string.Empty;
        jwt.Audience = Blank(auth.Audience);
        jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        jwt.MapInboundClaims = false;
        jwt.Backchannel = http.CreateClient(MetadataHttpClientName);
        jwt.TokenValidationParameters.NameClaimType = NameClaim;
        jwt.TokenValidationParameters.RoleClaimType = RolesClaim;
        jwt.TokenValidationParameters.ValidateIssuer = true;
        jwt.TokenValidationParameters.ValidateAudience = true;
        jwt.TokenValidationParameters.ValidateLifetime = true;
        jwt.TokenValidationParameters.RequireExpirationTime = true;
        jwt.TokenValidationParameters.RequireSignedTokens = true;
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = OnlyRecordsPaths,
            OnChallenge = RecordsProblems.ChallengeAsync,
            OnForbidden = RecordsProblems.ForbiddenAsync,
        };
    }

    /// <summary>
    /// A single registered scheme becomes the default for every request; this keeps it to the records API and the tabs'
    /// data, so a Bot Framework token on /api/messages is never read, validated or logged here.
    /// </summary>
    private static Task OnlyRecordsPaths(MessageReceivedContext context)
    {
        if (!context.Request.Path.StartsWithSegments(RecordsPath, StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments(TabsApiPath, StringComparison.OrdinalIgnoreCase))
        {
            context.NoResult();
        }

        return Task.CompletedTask;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
