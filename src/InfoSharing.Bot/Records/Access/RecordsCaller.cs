using System.Security.Claims;
using System.Text.Json.Nodes;

namespace InfoSharing.Bot.Records.Access;

/// <summary>Who is using the records API, as the audit trail records it: the token's Entra object id, or the local developer.</summary>
public sealed record RecordsCaller(string ActorId, string? Name, string Via)
{
    public const string DevelopmentActor = "development-loopback";

    public static RecordsCaller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return new RecordsCaller(DevelopmentActor, "Local developer", "loopback");
        }

        var id = user.FindFirst(RecordsAuthentication.ObjectIdClaim)?.Value ?? user.FindFirst("sub")?.Value ?? "unknown";
        return new RecordsCaller(id, user.FindFirst(RecordsAuthentication.NameClaim)?.Value, "entra");
    }

    /// <summary>Audit details: how the caller signed in, plus the given fields.</summary>
    public JsonObject Details(JsonObject? more = null)
    {
        var details = more ?? [];
        details["via"] = Via;
        return details;
    }
}
