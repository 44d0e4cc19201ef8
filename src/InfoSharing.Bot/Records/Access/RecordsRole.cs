namespace InfoSharing.Bot.Records.Access;

/// <summary>What an endpoint needs: reading records, or managing their retention (app roles from <see cref="RecordsAuthOptions"/>).</summary>
public enum RecordsRole
{
    Read,
    Manage,
}
