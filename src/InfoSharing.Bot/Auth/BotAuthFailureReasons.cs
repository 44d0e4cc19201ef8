namespace InfoSharing.Bot.Auth;

/// <summary>
/// The short, fixed reasons a request is refused (for logs and tests; they never contain the token).
/// Compare ordinally.
/// </summary>
public static class BotAuthFailureReasons
{
    public const string MissingHeader = "no Authorization header";
    public const string MalformedHeader = "Authorization header is not 'Bearer <token>'";
    public const string TokenWhileDisabled = "a token was sent but no MicrosoftAppId is configured";
    public const string MalformedToken = "token is not a readable JWT";
    public const string EncryptedToken = "encrypted tokens are not accepted";
    public const string UnsignedToken = "token is not signed";
    public const string AlgorithmNotAllowed = "signing algorithm is not RS256/RS384/RS512";
    public const string SigningKeyNotFound = "signing key not found in the published keys";
    public const string InvalidSignature = "signature is invalid";
    public const string InvalidIssuer = "issuer not accepted";
    public const string InvalidAudience = "audience is not this bot";
    public const string Expired = "token expired";
    public const string NotYetValid = "token not yet valid";
    public const string NoExpiration = "token has no expiry";
    public const string InvalidLifetime = "token lifetime is invalid";
    public const string ValidationFailed = "token validation failed";
    public const string MissingChannelId = "activity has no channelId to check the endorsement against";
    public const string NotEndorsed = "signing key is not endorsed for the activity's channel";
    public const string MissingServiceUrl = "activity has no serviceUrl";
    public const string ServiceUrlClaimMissing = "token has no serviceurl claim";
    public const string ServiceUrlMismatch = "serviceurl claim does not match the activity's serviceUrl";
    public const string UnsupportedTokenVersion = "token version (ver) is not 1.0 or 2.0";
    public const string AppIdMismatch = "token's appid/azp is not this bot";
    public const string MetadataUnavailable = "signing keys could not be retrieved";
}
