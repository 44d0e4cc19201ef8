using System.Collections.Frozen;

namespace InfoSharing.Bot.Auth;

/// <summary>
/// The Entra issuers whose tokens take the Emulator path (protocol.md §3.3, public cloud), plus the v1 and v2
/// issuers of the bot's own tenant when <c>MicrosoftAppTenantId</c> is set. Anything else takes the channel path.
/// </summary>
public static class EmulatorIssuers
{
    /// <summary>The botframework.com tenant.</summary>
    public const string BotFrameworkTenantId = "d6d49420-f39b-4df7-a1dc-d59a935871db";

    /// <summary>Fixed tenants whose tokens the Bot Framework SDKs accept on the Emulator path.</summary>
    public static IReadOnlyList<string> PublicCloudTenantIds { get; } =
    [
        BotFrameworkTenantId,
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "69e9b82d-4842-4902-8d1e-abc5b98a55e8",
    ];

    /// <summary>Entra's v1 token issuer for a tenant (<c>https://sts.windows.net/{tenant}/</c>).</summary>
    public static string V1(string tenantId) => $"https://sts.windows.net/{tenantId}/";

    /// <summary>Entra's v2 token issuer for a tenant (<c>https://login.microsoftonline.com/{tenant}/v2.0</c>).</summary>
    public static string V2(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";

    /// <summary>The issuer set for a bot, adding its own tenant's issuers when it has one.</summary>
    public static FrozenSet<string> For(string? tenantId)
    {
        var issuers = new List<string>();
        foreach (var tenant in PublicCloudTenantIds)
        {
            issuers.Add(V1(tenant));
            issuers.Add(V2(tenant));
        }

        if (!string.IsNullOrEmpty(tenantId))
        {
            issuers.Add(V1(tenantId));
            issuers.Add(V2(tenantId));
        }

        return issuers.ToFrozenSet(StringComparer.Ordinal);
    }
}
