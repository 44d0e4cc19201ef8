namespace InfoSharing.Bot.Policy;

public sealed record Purpose
{
    public string Id { get; init => field = value ?? ""; } = "";
    public string Title { get; init => field = value ?? ""; } = "";

    /// <summary>A Prevent or Channel purpose: the Prevent lead is added as an approver.</summary>
    public bool Prevent { get; init; }

    /// <summary>A Channel purpose: the note about consent to Channel support is shown.</summary>
    public bool Channel { get; init; }

    /// <summary>An urgent purpose (a child protection referral): never "routine"; its deadline defaults to the urgent default.</summary>
    public bool Urgent { get; init; }

    public bool RequiresDetail { get; init; }
}
