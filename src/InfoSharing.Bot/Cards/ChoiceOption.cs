namespace InfoSharing.Bot.Cards;

/// <summary>A choice: the stored <see cref="Value"/> (a policy id) and the shown <see cref="Title"/>.</summary>
public sealed record ChoiceOption(string Value, string Title);
