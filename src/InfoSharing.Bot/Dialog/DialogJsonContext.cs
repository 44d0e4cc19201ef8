using System.Text.Json.Serialization;

namespace InfoSharing.Bot.Dialog;

/// <summary>Source-generated JSON for the stored draft and the submission (camelCase, enums as strings, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DialogState))]
[JsonSerializable(typeof(RequestSubmission))]
[JsonSerializable(typeof(DialogEffect))]
public sealed partial class DialogJsonContext : JsonSerializerContext;
