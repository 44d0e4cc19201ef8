namespace InfoSharing.Bot.Cards;

/// <summary>What every dialog button carries so that a click on an old card (an earlier step, revision or draft) is recognised.</summary>
public sealed record CardActionContext(int Step, int DialogVersion, int DraftRevision, string DraftId);
