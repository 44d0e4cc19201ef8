using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Reliability;

/// <summary>One generated request body: what kind of damage it carries, and its bytes.</summary>
public sealed record FuzzCase(string Kind, byte[] Body)
{
    public override string ToString() => $"{Kind}: {System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 160))}";
}
