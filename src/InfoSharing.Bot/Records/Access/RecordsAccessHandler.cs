using InfoSharing.Bot.Records.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace InfoSharing.Bot.Records.Access;

/// <summary>
/// Decides a records request: with Records:Auth, the token's <c>roles</c> must hold the configured app role; in
/// Development without it, the connection must come from loopback (a request with no remote address at all, as
/// from an in-process test server, is refused: nothing shows it is local); otherwise nothing is allowed.
/// </summary>
public sealed partial class RecordsAccessHandler(IOptionsMonitor<RecordsOptions> options, IHostEnvironment environment, ILogger<RecordsAccessHandler> logger)
    : AuthorizationHandler<RecordsAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RecordsAccessRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var auth = options.CurrentValue.Auth;
        switch (RecordsAuthentication.ModeFor(auth, environment))
        {
            case RecordsAccessMode.Token:
                var role = requirement.Role == RecordsRole.Manage ? auth.ManageRole : auth.ReadRole;
                if (context.User.Identity?.IsAuthenticated == true
                    && context.User.Claims.Any(c => c.Type == RecordsAuthentication.RolesClaim && string.Equals(c.Value, role, StringComparison.Ordinal)))
                {
                    context.Succeed(requirement);
                }

                break;
            case RecordsAccessMode.DevelopmentLoopback:
                var remote = (context.Resource as HttpContext)?.Connection.RemoteIpAddress;
                if (RecordsAuthentication.IsLoopback(remote))
                {
                    context.Succeed(requirement);
                }
                else
                {
                    Log.NotLoopback(logger, remote?.ToString() ?? "none (in-process server?)");
                }

                break;
            default:
                Log.Disabled(logger);
                break;
        }

        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Records request refused: Development without Records:Auth answers only loopback connections; remote address {Remote}")]
        public static partial void NotLoopback(ILogger logger, string remote);

        [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Records request refused: Records:Auth (Authority, Audience) is not configured, so the records export is off outside Development")]
        public static partial void Disabled(ILogger logger);
    }
}
