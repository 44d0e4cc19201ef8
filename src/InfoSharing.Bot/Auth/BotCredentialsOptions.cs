namespace InfoSharing.Bot.Auth;

/// <summary>
/// The bot's identity and where its inbound signing keys come from (protocol.md §3.2–3.4).
/// The four credential keys live at the ROOT of configuration under their Bot Framework names
/// (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>);
/// the endpoints live in the <c>BotAuthentication</c> section so tests can point them at a loopback issuer.
/// Validated at start-up by <see cref="BotCredentialsOptionsValidator"/>.
/// </summary>
public sealed class BotCredentialsOptions
{
    public const string SectionName = "BotAuthentication";

    public const string AppTypeKey = "MicrosoftAppType";
    public const string AppIdKey = "MicrosoftAppId";
    public const string AppPasswordKey = "MicrosoftAppPassword";
    public const string AppTenantIdKey = "MicrosoftAppTenantId";
    public const string ChannelOpenIdMetadataUrlKey = SectionName + ":" + nameof(ChannelOpenIdMetadataUrl);
    public const string EmulatorOpenIdMetadataUrlKey = SectionName + ":" + nameof(EmulatorOpenIdMetadataUrl);
    public const string ChannelIssuerKey = SectionName + ":" + nameof(ChannelIssuer);
    public const string RequireHttpsMetadataKey = SectionName + ":" + nameof(RequireHttpsMetadata);
    public const string AuthorityHostKey = SectionName + ":" + nameof(AuthorityHost);

    public const string DefaultChannelOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultEmulatorOpenIdMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    public const string DefaultChannelIssuer = "https://api.botframework.com";
    public const string DefaultAuthorityHost = "https://login.microsoftonline.com";

    /// <summary>The raw <c>MicrosoftAppType</c> value; see <see cref="AppType"/>.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>Empty means "authentication disabled", allowed only in Development.</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public string ChannelOpenIdMetadataUrl { get; set; } = DefaultChannelOpenIdMetadataUrl;

    public string EmulatorOpenIdMetadataUrl { get; set; } = DefaultEmulatorOpenIdMetadataUrl;

    public string ChannelIssuer { get; set; } = DefaultChannelIssuer;

    /// <summary>Metadata and key documents must be fetched over https. Tests against a loopback issuer set this to false.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Host of the outbound token authority (protocol.md §4.1); overridable for a test token endpoint.</summary>
    public string AuthorityHost { get; set; } = DefaultAuthorityHost;

    /// <summary>True when no app id is configured: inbound requests without a token are accepted, outbound calls carry none.</summary>
    public bool IsAuthenticationDisabled => string.IsNullOrEmpty(MicrosoftAppId);

    /// <summary>
    /// The parsed <see cref="MicrosoftAppType"/>: MultiTenant when unset. An unrecognised value is refused at
    /// start-up by the validator rather than silently treated as MultiTenant.
    /// </summary>
    public BotAppType AppType => TryParseAppType(MicrosoftAppType, out var type) ? type : BotAppType.MultiTenant;

    /// <summary>Parses <c>MultiTenant</c>, <c>SingleTenant</c> or <c>UserAssignedMSI</c>, ignoring case; empty means MultiTenant.</summary>
    public static bool TryParseAppType(string? value, out BotAppType appType)
    {
        appType = BotAppType.MultiTenant;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        // Explicit names only: Enum.TryParse would also accept "1" or "SingleTenant,UserAssignedMsi".
        switch (value.Trim().ToUpperInvariant())
        {
            case "MULTITENANT":
                appType = BotAppType.MultiTenant;
                return true;
            case "SINGLETENANT":
                appType = BotAppType.SingleTenant;
                return true;
            case "USERASSIGNEDMSI":
                appType = BotAppType.UserAssignedMsi;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads the root keys and the <c>BotAuthentication</c> section into <paramref name="options"/>.</summary>
    public static void Bind(IConfiguration configuration, BotCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);

        options.MicrosoftAppType = Trimmed(configuration[AppTypeKey]);
        options.MicrosoftAppId = Trimmed(configuration[AppIdKey]);
        options.MicrosoftAppPassword = EmptyAsNull(configuration[AppPasswordKey]);
        options.MicrosoftAppTenantId = Trimmed(configuration[AppTenantIdKey]);

        var section = configuration.GetSection(SectionName);
        options.ChannelOpenIdMetadataUrl = Trimmed(section[nameof(ChannelOpenIdMetadataUrl)]) ?? options.ChannelOpenIdMetadataUrl;
        options.EmulatorOpenIdMetadataUrl = Trimmed(section[nameof(EmulatorOpenIdMetadataUrl)]) ?? options.EmulatorOpenIdMetadataUrl;
        options.ChannelIssuer = Trimmed(section[nameof(ChannelIssuer)]) ?? options.ChannelIssuer;
        options.AuthorityHost = Trimmed(section[nameof(AuthorityHost)]) ?? options.AuthorityHost;
        options.RequireHttpsMetadata = section.GetValue(nameof(RequireHttpsMetadata), options.RequireHttpsMetadata);
    }

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
