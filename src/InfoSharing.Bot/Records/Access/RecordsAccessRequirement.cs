using Microsoft.AspNetCore.Authorization;

namespace InfoSharing.Bot.Records.Access;

/// <summary>The authorization requirement of a records endpoint: the role it needs.</summary>
public sealed class RecordsAccessRequirement(RecordsRole role) : IAuthorizationRequirement
{
    public RecordsRole Role { get; } = role;
}
