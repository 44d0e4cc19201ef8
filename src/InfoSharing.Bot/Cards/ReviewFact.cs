namespace InfoSharing.Bot.Cards;

public sealed record ReviewFact(string Title, string Value);
