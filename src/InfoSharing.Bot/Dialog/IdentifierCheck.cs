namespace InfoSharing.Bot.Dialog;

/// <summary>What <see cref="IdentifierRule.Apply"/> found on one submit: warnings by field, the fields warned about, the fields confirmed.</summary>
internal sealed record IdentifierCheck(IReadOnlyDictionary<string, string> Warnings, IReadOnlyList<string> Warned, IReadOnlyList<string> Confirmed);
