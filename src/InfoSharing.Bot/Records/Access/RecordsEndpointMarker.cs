namespace InfoSharing.Bot.Records.Access;

/// <summary>Endpoint metadata marking the records API, so a refused (403) request to it is audited.</summary>
public sealed class RecordsEndpointMarker
{
    public static readonly RecordsEndpointMarker Instance = new();

    private RecordsEndpointMarker()
    {
    }
}
