using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Auth;

/// <summary>
/// Start-up checks for <see cref="BotCredentialsOptions"/> (protocol.md §3.1, §3.4, pitfall 21).
/// Every failure names the configuration key to fix.
/// </summary>
internal sealed class BotCredentialsOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotCredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, BotCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!BotCredentialsOptions.TryParseAppType(options.MicrosoftAppType, out var appType))
        {
            failures.Add($"{BotCredentialsOptions.AppTypeKey} '{options.MicrosoftAppType}' is not recognised: use MultiTenant, SingleTenant or UserAssignedMSI.");
        }

        var hasAppId = !string.IsNullOrEmpty(options.MicrosoftAppId);
        var hasPassword = !string.IsNullOrEmpty(options.MicrosoftAppPassword);
        var hasTenant = !string.IsNullOrEmpty(options.MicrosoftAppTenantId);

        if (!hasAppId && !environment.IsDevelopment())
        {
            failures.Add(
                $"{BotCredentialsOptions.AppIdKey} is empty, which would turn inbound authentication off. " +
                $"That is allowed only in the Development environment (this is '{environment.EnvironmentName}').");
        }

        switch (appType)
        {
            case BotAppType.MultiTenant when hasAppId && !hasPassword:
                failures.Add($"{BotCredentialsOptions.AppPasswordKey} is required when {BotCredentialsOptions.AppIdKey} is set and {BotCredentialsOptions.AppTypeKey} is MultiTenant.");
                break;
            case BotAppType.SingleTenant:
                if (!hasAppId)
                {
                    failures.Add($"{BotCredentialsOptions.AppIdKey} is required when {BotCredentialsOptions.AppTypeKey} is SingleTenant.");
                }

                if (!hasPassword)
                {
                    failures.Add($"{BotCredentialsOptions.AppPasswordKey} is required when {BotCredentialsOptions.AppTypeKey} is SingleTenant.");
                }

                if (!hasTenant)
                {
                    failures.Add($"{BotCredentialsOptions.AppTenantIdKey} is required when {BotCredentialsOptions.AppTypeKey} is SingleTenant.");
                }

                break;
            case BotAppType.UserAssignedMsi:
                if (!hasAppId)
                {
                    failures.Add($"{BotCredentialsOptions.AppIdKey} (the managed identity's client id) is required when {BotCredentialsOptions.AppTypeKey} is UserAssignedMSI.");
                }

                if (!hasTenant)
                {
                    failures.Add($"{BotCredentialsOptions.AppTenantIdKey} is required when {BotCredentialsOptions.AppTypeKey} is UserAssignedMSI.");
                }

                if (hasPassword)
                {
                    failures.Add($"{BotCredentialsOptions.AppPasswordKey} must be empty when {BotCredentialsOptions.AppTypeKey} is UserAssignedMSI (a managed identity has no secret).");
                }

                break;
            default:
                break;
        }

        if (hasTenant && !IsPlainTenant(options.MicrosoftAppTenantId!))
        {
            failures.Add($"{BotCredentialsOptions.AppTenantIdKey} must be a tenant id or domain name (no '/', '?', '#' or spaces).");
        }

        CheckUrl(failures, BotCredentialsOptions.ChannelOpenIdMetadataUrlKey, options.ChannelOpenIdMetadataUrl, options.RequireHttpsMetadata);
        CheckUrl(failures, BotCredentialsOptions.EmulatorOpenIdMetadataUrlKey, options.EmulatorOpenIdMetadataUrl, options.RequireHttpsMetadata);
        CheckUrl(failures, BotCredentialsOptions.AuthorityHostKey, options.AuthorityHost, requireHttps: true);

        if (string.IsNullOrWhiteSpace(options.ChannelIssuer))
        {
            failures.Add($"{BotCredentialsOptions.ChannelIssuerKey} must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(List<string> failures, string key, string? value, bool requireHttps)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key} must be an absolute http(s) URL.");
        }
        else if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{key} must use https.");
        }
    }

    private static bool IsPlainTenant(string tenant) =>
        tenant.AsSpan().IndexOfAny("/?#\\ \t") < 0;
}
