namespace InfoSharing.Bot.Policy;

public sealed record CaseReferenceSettings
{
    /// <summary>A .NET regular expression the whole case reference must match.</summary>
    public string Pattern { get; init => field = value ?? ""; } = "";

    /// <summary>An example shown as the placeholder.</summary>
    public string Example { get; init => field = value ?? ""; } = "";

    /// <summary>The pattern in words, shown when a reference does not match.</summary>
    public string Description { get; init => field = value ?? ""; } = "";
}
