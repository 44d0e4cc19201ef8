namespace InfoSharing.Bot.Tabs;

public static class TabsServiceCollectionExtensions
{
    /// <summary>The Teams tabs: options (<c>Tabs</c>), sign-in, queries, the action seam, and anti-forgery for every action.</summary>
    public static WebApplicationBuilder AddTabs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TabsOptions>().Bind(builder.Configuration.GetSection(TabsOptions.SectionName));
        var development = builder.Environment.IsDevelopment();
        services.AddAntiforgery(o =>
        {
            o.FormFieldName = TabsEndpoints.AntiforgeryField;
            o.HeaderName = null;
            o.Cookie.Name = "InfoSharing.Tabs.Antiforgery";
            o.Cookie.Path = "/tabs";
            o.Cookie.HttpOnly = true;
            // Inside Teams the tab is a third-party frame: its cookie must be SameSite=None, which browsers take only when Secure.
            // Development on plain http (loopback) keeps the browser's default instead.
            o.Cookie.SameSite = development ? SameSiteMode.Lax : SameSiteMode.None;
            o.Cookie.SecurePolicy = development ? Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest : Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;
            o.SuppressXFrameOptionsHeader = true; // framing is governed by the CSP's frame-ancestors (Teams and Office hosts)
        });
        services.AddScoped<TabAccess>();
        services.AddScoped<TabQueries>();
        services.AddScoped<TabStatistics>();
        services.AddScoped<TabActions>();
        return builder;
    }
}
