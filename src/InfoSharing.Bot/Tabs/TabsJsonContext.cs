using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Tabs;

[JsonSerializable(typeof(string[]))]
internal sealed partial class TabsJsonContext : JsonSerializerContext;
