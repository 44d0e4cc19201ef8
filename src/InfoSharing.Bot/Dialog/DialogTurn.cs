using InfoSharing.Bot.Policy;

namespace InfoSharing.Bot.Dialog;

/// <summary>What one turn of the dialog works with: the policy, the time (UTC), the dialog's version and who acts.</summary>
internal sealed record DialogTurn(PolicyDocument Policy, DateTimeOffset Now, int DialogVersion, DialogActor Actor);
