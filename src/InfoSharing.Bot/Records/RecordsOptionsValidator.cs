using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Records;

/// <summary>Start-up checks of <see cref="RecordsOptions"/>; each failure names the setting to fix.</summary>
public sealed class RecordsOptionsValidator : IValidateOptions<RecordsOptions>
{
    public ValidateOptionsResult Validate(string? name, RecordsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var auth = options.Auth;
        var hasIssuer = !string.IsNullOrWhiteSpace(auth.Authority) || !string.IsNullOrWhiteSpace(auth.MetadataAddress);
        if (hasIssuer && string.IsNullOrWhiteSpace(auth.Audience))
        {
            failures.Add("Records:Auth:Audience is required when Records:Auth:Authority (or MetadataAddress) is set.");
        }

        if (!hasIssuer && !string.IsNullOrWhiteSpace(auth.Audience))
        {
            failures.Add("Records:Auth:Authority is required when Records:Auth:Audience is set.");
        }

        if (!string.IsNullOrWhiteSpace(auth.Authority)
            && (!Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http")))
        {
            failures.Add("Records:Auth:Authority must be an absolute https URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0.");
        }
        else if (auth.Authority?.Contains("/common", StringComparison.OrdinalIgnoreCase) == true
                 || auth.Authority?.Contains("/organizations", StringComparison.OrdinalIgnoreCase) == true)
        {
            failures.Add("Records:Auth:Authority must name the tenant (…/<tenant-id>/v2.0), not common or organizations: the issuer is validated exactly.");
        }

        if (string.IsNullOrWhiteSpace(auth.ReadRole))
        {
            failures.Add("Records:Auth:ReadRole must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(auth.ManageRole))
        {
            failures.Add("Records:Auth:ManageRole must not be empty.");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http")))
        {
            failures.Add("Records:PublicBaseUrl must be an absolute http(s) URL, e.g. https://bot.example.org.");
        }

        foreach (var (kind, rule) in options.Retention)
        {
            if (rule.ReviewAfter <= TimeSpan.Zero)
            {
                failures.Add($"Records:Retention:{kind}:ReviewAfter must be a positive duration (e.g. 2192.00:00:00 for six years).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
