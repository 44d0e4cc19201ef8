using System.Text.Json.Nodes;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Records.Access;
using InfoSharing.Bot.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// The Teams tabs under <c>/tabs</c>: the served scripts and styles (wwwroot/tabs), one shell page per tab, and the
/// data each shell loads from <c>/tabs/api/…</c> as HTML fragments. Every data request is signed in
/// (<see cref="TabAccess"/>), checked against what the viewer may see (403, audited) and every action against
/// anti-forgery; the answer carries its server time (<c>Server-Timing: app;dur=…</c>).
/// </summary>
public static partial class TabsEndpoints
{
    public const string AntiforgeryField = "__tabAntiforgery";

    public static WebApplication MapTabs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<TabsOptions>>().Value;
        var hostOrigins = app.Environment.IsDevelopment() ? options.DevelopmentHostOrigins.ToList() : [];
        var policy = TabSecurityHeaders.ContentSecurityPolicy(hostOrigins);
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/tabs", StringComparison.OrdinalIgnoreCase), tabs =>
        {
            tabs.Use((context, next) =>
            {
                TabSecurityHeaders.Apply(context.Response, policy);
                return next(context);
            });
            tabs.UseStaticFiles();
        });

        var development = RecordsAuthentication.ModeFor(app.Services.GetRequiredService<IOptions<RecordsOptions>>().Value.Auth, app.Environment) == RecordsAccessMode.DevelopmentLoopback;
        app.MapGet("/tabs/{page:regex(^(approvals|records|statistics|my-requests)$)}/{**rest}", (string page) => TabShell.PageOf(page) is { } p
            ? Results.Content(TabShell.Render(p, development, hostOrigins), "text/html; charset=utf-8")
            : Results.NotFound());

        var api = app.MapGroup(RecordsAuthentication.TabsApiPath).WithTags("Tabs");
        api.MapApprovalsTab();
        api.MapRecordsTab();
        api.MapGet("/statistics", (HttpContext http, TabStatistics statistics, CancellationToken ct) =>
            Page(http, TabPage.Statistics, async (_, token) => StatisticsView.Render(await statistics.ComputeAsync(token)), ct));
        api.MapGet("/my-requests", (HttpContext http, TabQueries queries, CancellationToken ct) =>
            Page(http, TabPage.MyRequests, async (viewer, token) => MyRequestsView.Render(viewer, await queries.MineAsync(viewer.ObjectId, token), queries.BotAppId), ct));
        return app;
    }

    /// <summary>
    /// Signs the request in, checks the viewer may see <paramref name="page"/> (a refusal is audited, as on the records API)
    /// and, for a POST, its anti-forgery token; then renders the fragment and says how long the server took.
    /// </summary>
    internal static Task<IResult> Page(HttpContext http, TabPage page, Func<TabViewer, CancellationToken, Task<string>> render, CancellationToken cancellationToken, bool manage = false)
    {
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        return Guarded(http, page, async (viewer, ct) =>
        {
            var body = await render(viewer, ct);
            http.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={time.GetElapsedTime(started).TotalMilliseconds:0.0}");
            return Fragment(StatusCodes.Status200OK, body);
        }, cancellationToken, manage);
    }

    /// <summary>As <see cref="Page"/>, for an answer that is not a fragment (a download).</summary>
    internal static async Task<IResult> Guarded(HttpContext http, TabPage page, Func<TabViewer, CancellationToken, Task<IResult>> answer, CancellationToken cancellationToken, bool manage = false)
    {
        var services = http.RequestServices;
        var signIn = await services.GetRequiredService<TabAccess>().SignInAsync(http, cancellationToken);
        if (signIn.Viewer is not { } viewer)
        {
            return Fragment(StatusCodes.Status401Unauthorized, TabViews.Problem("Sign-in required", signIn.Problem ?? "Sign in through Teams."));
        }

        if (!viewer.May(page) || (manage && !viewer.MayManage))
        {
            await services.GetRequiredService<RecordsAuditTrail>().AppendAsync(viewer.Caller, AuditActions.RefusedAccess, AuditActions.SubjectRecords, null, new JsonObject
            {
                ["method"] = http.Request.Method,
                ["endpoint"] = http.Request.Path.Value,
                ["needs"] = manage ? "Records.Manage" : page.ToString(),
            }, cancellationToken);
            Log.Refused(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TabsEndpoints)), page.ToString(), http.Request.Method);
            return Fragment(StatusCodes.Status403Forbidden, TabViews.Problem("Not permitted",
                $"{viewer.Name}, this page is not open to you: {TabViews.WhoMay(page, manage)} The attempt was recorded."));
        }

        if (HttpMethods.IsPost(http.Request.Method))
        {
            try
            {
                await services.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Fragment(StatusCodes.Status400BadRequest, TabViews.Problem("Refused", "This action came without a valid anti-forgery token. Reload the tab and try again."));
            }
        }

        return await answer(viewer, cancellationToken);
    }

    /// <summary>A fresh anti-forgery token for the forms of a fragment (its cookie is set on the same response).</summary>
    internal static string? AntiforgeryToken(HttpContext http) => http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken;

    internal static IResult Fragment(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static partial class Log
    {
        [LoggerMessage(EventId = 15002, Level = LogLevel.Warning, Message = "Tab request refused: the viewer may not open {Page} ({Method})")]
        public static partial void Refused(ILogger logger, string page, string method);
    }
}
