using System.Security.Claims;
using InfoSharing.Bot.Approvals;
using InfoSharing.Bot.Records;
using InfoSharing.Bot.Records.Access;
using InfoSharing.Bot.Workflow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Tabs;

/// <summary>
/// Signs a tab's data request in: the Teams SSO token (teams-js <c>authentication.getAuthToken()</c>) is validated by the
/// records API's own Entra ID bearer scheme (<c>Records:Auth</c>), its roles read, and the approver lists of
/// <see cref="ApprovalOptions"/> applied through <see cref="ApproverDirectory"/>. In Development without Records:Auth,
/// loopback connections are the local developer, as on the records API; outside Development nothing is allowed then.
/// </summary>
public sealed partial class TabAccess(IOptionsMonitor<RecordsOptions> records, IHostEnvironment environment, ApproverDirectory directory, ILogger<TabAccess> logger)
{
    public const string DevelopmentName = "Local developer";

    /// <summary>How a tab viewer signed in, as the audit trail records it.</summary>
    public const string Via = "teams-tab";

    /// <summary>The viewer, or null with the response already chosen (401) when the request is not signed in.</summary>
    public async Task<TabSignIn> SignInAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var auth = records.CurrentValue.Auth;
        switch (RecordsAuthentication.ModeFor(auth, environment))
        {
            case RecordsAccessMode.Token:
                var result = await http.AuthenticateAsync(RecordsAuthentication.Scheme);
                if (!result.Succeeded || result.Principal is not { } user)
                {
                    Log.NotSignedIn(logger, result.Failure?.GetType().Name ?? "no token");
                    return TabSignIn.Refused("Sign-in required: open this tab in Teams (it signs you in with Teams single sign-on).");
                }

                http.User = user;
                var id = user.FindFirst(RecordsAuthentication.ObjectIdClaim)?.Value;
                if (string.IsNullOrEmpty(id))
                {
                    return TabSignIn.Refused("The token carries no Entra object id (oid).");
                }

                var name = user.FindFirst(RecordsAuthentication.NameClaim)?.Value ?? id;
                // no Teams user id or service URL here: the configured lists decide (a team roster cannot be read from a tab)
                var actor = await directory.ResolveAsync(new Actor(id, null, name), null, cancellationToken);
                return TabSignIn.Of(new TabViewer(actor, HasRole(user, auth.ReadRole), HasRole(user, auth.ManageRole), Via));
            case RecordsAccessMode.DevelopmentLoopback when RecordsAuthentication.IsLoopback(http.Connection.RemoteIpAddress):
                // As on the records API: the local developer sees every page; acting still goes through the workflow's own checks.
                var developer = await directory.ResolveAsync(new Actor(RecordsCaller.DevelopmentActor, null, DevelopmentName), null, cancellationToken);
                return TabSignIn.Of(new TabViewer(developer, true, true, "loopback") { LocalDeveloper = true });
            case RecordsAccessMode.DevelopmentLoopback:
                return TabSignIn.Refused("Development without Records:Auth: the tabs answer only connections from this machine (loopback).");
            default:
                return TabSignIn.Refused("The tabs are switched off: Records:Auth (Authority, Audience) is not configured.");
        }
    }

    private static bool HasRole(ClaimsPrincipal user, string role) =>
        user.Claims.Any(c => c.Type == RecordsAuthentication.RolesClaim && string.Equals(c.Value, role, StringComparison.Ordinal));

    private static partial class Log
    {
        [LoggerMessage(EventId = 15001, Level = LogLevel.Information, Message = "Tab request not signed in ({Reason})")]
        public static partial void NotSignedIn(ILogger logger, string reason);
    }
}
