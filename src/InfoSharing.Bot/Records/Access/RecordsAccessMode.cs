namespace InfoSharing.Bot.Records.Access;

/// <summary>How the records endpoints decide who may use them.</summary>
public enum RecordsAccessMode
{
    /// <summary>An Entra ID bearer token with the app role (Records:Auth is configured).</summary>
    Token,

    /// <summary>Development with no Records:Auth: loopback connections only, no token.</summary>
    DevelopmentLoopback,

    /// <summary>No Records:Auth outside Development: every request is refused.</summary>
    Disabled,
}
