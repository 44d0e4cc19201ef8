namespace InfoSharing.Bot.Records;

/// <summary>
/// Section <c>Records:Auth</c>: the Entra ID app registration whose access tokens open the records export.
/// Separate from the bot's own token checks on <c>/api/messages</c>.
/// </summary>
public sealed class RecordsAuthOptions
{
    /// <summary>Tenant-specific authority, e.g. <c>https://login.microsoftonline.com/&lt;tenant-id&gt;/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The token audience: the export API's application (client) id or App ID URI.</summary>
    public string? Audience { get; set; }

    /// <summary>Overrides the OpenID metadata address (default: the authority's well-known document). For tests.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Refuse metadata over plain http (only a loopback test issuer may turn this off).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>App role needed to list, read and export records and verify the audit trail.</summary>
    public string ReadRole { get; set; } = "Records.Read";

    /// <summary>App role needed for retention: records past review, review, legal hold, content removal.</summary>
    public string ManageRole { get; set; } = "Records.Manage";

    /// <summary>True when a token issuer and audience are configured.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Audience) && (!string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress));
}
