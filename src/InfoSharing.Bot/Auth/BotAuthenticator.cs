using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace InfoSharing.Bot.Auth;

/// <summary>
/// The decision procedure of protocol.md §3.1 with the channel (§3.2) and Emulator (§3.3) paths, built on
/// <see cref="JsonWebTokenHandler"/>. Refusals are logged with a fixed reason, never with the token.
/// </summary>
internal sealed partial class BotAuthenticator : IBotAuthenticator
{
    private const string BearerScheme = "Bearer";
    private const string ServiceUrlClaim = "serviceurl";
    private const string VersionClaim = "ver";
    private const string AppIdClaim = "appid";
    private const string AuthorizedPartyClaim = "azp";

    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);
    private static readonly FrozenSet<string> AllowedAlgorithms = FrozenSet.ToFrozenSet(
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512], StringComparer.Ordinal);

    private readonly BotCredentialsOptions _options;
    private readonly OpenIdMetadataSource _channelKeys;
    private readonly OpenIdMetadataSource _emulatorKeys;
    private readonly FrozenSet<string> _emulatorIssuers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BotAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new();

    public BotAuthenticator(
        IOptions<BotCredentialsOptions> options,
        OpenIdMetadataRegistry metadata,
        TimeProvider timeProvider,
        ILogger<BotAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metadata);
        _options = options.Value;
        _channelKeys = metadata.Get(_options.ChannelOpenIdMetadataUrl);
        _emulatorKeys = metadata.Get(_options.EmulatorOpenIdMetadataUrl);
        _emulatorIssuers = EmulatorIssuers.For(_options.MicrosoftAppTenantId);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<BotAuthResult> AuthenticateAsync(
        string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        var appId = _options.MicrosoftAppId;
        var hasHeader = !string.IsNullOrWhiteSpace(authorizationHeader);

        // 1. No app id: authentication is off (Development only, enforced at start-up). A header is still refused:
        //    the SDK validates it against app id "" which never matches.
        if (string.IsNullOrEmpty(appId))
        {
            if (!hasHeader)
            {
                Log.AnonymousAccepted(_logger, channelId);
                return BotAuthResult.Anonymous;
            }

            return Refuse(BotTokenKind.None, BotAuthFailureReasons.TokenWhileDisabled, channelId);
        }

        // 2. App id set: a header is required, and 3. it is exactly "Bearer <token>".
        if (!hasHeader)
        {
            return RefuseRequest(BotAuthFailureReasons.MissingHeader, channelId);
        }

        var parts = authorizationHeader!.Split(' ');
        if (parts.Length != 2 || !string.Equals(parts[0], BearerScheme, StringComparison.Ordinal) || parts[1].Length == 0)
        {
            return RefuseRequest(BotAuthFailureReasons.MalformedHeader, channelId);
        }

        // 4. Peek (unvalidated) to route by issuer, refusing what can never validate.
        var raw = parts[1];
        var peekFailure = Peek(raw, out var issuer);
        if (peekFailure is not null)
        {
            return Refuse(BotTokenKind.None, peekFailure, channelId);
        }

        return _emulatorIssuers.Contains(issuer)
            ? await AuthenticateEmulatorTokenAsync(raw, appId, channelId, cancellationToken).ConfigureAwait(false)
            : await AuthenticateChannelTokenAsync(raw, appId, channelId, serviceUrl, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BotAuthResult> AuthenticateChannelTokenAsync(
        string raw, string appId, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        const BotTokenKind kind = BotTokenKind.Channel;
        var validation = await ValidateAsync(raw, _channelKeys, ChannelParameters, cancellationToken).ConfigureAwait(false);
        if (validation.Failure is not null)
        {
            return Refuse(kind, validation.Failure, channelId);
        }

        var token = validation.Token!;

        // serviceurl claim == activity.serviceUrl (pitfall 3): case-insensitive, ignoring one trailing '/'.
        if (!token.TryGetPayloadValue<string>(ServiceUrlClaim, out var claimedServiceUrl) || string.IsNullOrEmpty(claimedServiceUrl))
        {
            return Refuse(kind, BotAuthFailureReasons.ServiceUrlClaimMissing, channelId);
        }

        if (string.IsNullOrEmpty(serviceUrl))
        {
            return Refuse(kind, BotAuthFailureReasons.MissingServiceUrl, channelId);
        }

        if (!string.Equals(TrimSlash(claimedServiceUrl), TrimSlash(serviceUrl), StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(kind, BotAuthFailureReasons.ServiceUrlMismatch, channelId);
        }

        // The signing key must be endorsed for the activity's channel (JwtTokenExtractor / EndorsementsValidator).
        if (string.IsNullOrEmpty(channelId))
        {
            return Refuse(kind, BotAuthFailureReasons.MissingChannelId, channelId);
        }

        if (!validation.Metadata!.Endorsements.TryGetValue(token.Kid, out var endorsements) || !endorsements.Contains(channelId))
        {
            return Refuse(kind, BotAuthFailureReasons.NotEndorsed, channelId);
        }

        return BotAuthResult.Accepted(kind, validation.Identity!, appId);

        TokenValidationParameters ChannelParameters(BotOpenIdMetadata metadata) =>
            CommonParameters(metadata, [_options.ChannelIssuer], [appId]);
    }

    private async Task<BotAuthResult> AuthenticateEmulatorTokenAsync(
        string raw, string appId, string? channelId, CancellationToken cancellationToken)
    {
        const BotTokenKind kind = BotTokenKind.Emulator;
        var validation = await ValidateAsync(raw, _emulatorKeys, EmulatorParameters, cancellationToken).ConfigureAwait(false);
        if (validation.Failure is not null)
        {
            return Refuse(kind, validation.Failure, channelId);
        }

        // ver "1.0" or absent ⇒ the caller's app id is in appid; "2.0" ⇒ in azp; anything else is refused.
        var token = validation.Token!;
        var version = token.TryGetClaim(VersionClaim, out var versionClaim) ? versionClaim.Value : null;
        var appIdClaimName = version switch
        {
            null or "" or "1.0" => AppIdClaim,
            "2.0" => AuthorizedPartyClaim,
            _ => null,
        };
        if (appIdClaimName is null)
        {
            return Refuse(kind, BotAuthFailureReasons.UnsupportedTokenVersion, channelId);
        }

        if (!token.TryGetClaim(appIdClaimName, out var caller) || !string.Equals(caller.Value, appId, StringComparison.Ordinal))
        {
            return Refuse(kind, BotAuthFailureReasons.AppIdMismatch, channelId);
        }

        return BotAuthResult.Accepted(kind, validation.Identity!, appId);

        // Hardening beyond the SDK (which skips the audience here): aud must name this bot (pitfall 22).
        TokenValidationParameters EmulatorParameters(BotOpenIdMetadata metadata) =>
            CommonParameters(metadata, _emulatorIssuers, [appId, $"api://{appId}", $"api://botid-{appId}"]);
    }

    private TokenValidationParameters CommonParameters(
        BotOpenIdMetadata metadata, IEnumerable<string> validIssuers, IEnumerable<string> validAudiences) => new()
        {
            ValidateIssuer = true,
            ValidIssuers = validIssuers,
            ValidateAudience = true,
            ValidAudiences = validAudiences,
            IgnoreTrailingSlashWhenValidatingAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = AllowedClockSkew,
            LifetimeValidator = ValidateLifetime,
            RequireSignedTokens = true,
            IssuerSigningKeys = metadata.SigningKeys,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = AllowedAlgorithms,
            ValidateTokenReplay = false,
            SaveSigninToken = false,
        };

    /// <summary>
    /// exp required, nbf/exp checked with 5 minutes of skew against <see cref="TimeProvider"/> (the handler's own
    /// check reads the system clock). Throws the handler's exception types so the refusal reason stays precise.
    /// </summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no exp claim.");
        }

        if (notBefore is { } start && start > expiry)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's nbf is after its exp.") { NotBefore = start, Expires = expiry };
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (notBefore is { } notBeforeTime && notBeforeTime > now + AllowedClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not yet valid.") { NotBefore = notBeforeTime };
        }

        if (expiry < now - AllowedClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expiry };
        }

        return true;
    }

    /// <summary>Validates against the current keys; when the token's key is unknown, refreshes them and retries once.</summary>
    private async Task<Validation> ValidateAsync(
        string raw,
        OpenIdMetadataSource source,
        Func<BotOpenIdMetadata, TokenValidationParameters> parameters,
        CancellationToken cancellationToken)
    {
        BotOpenIdMetadata metadata;
        try
        {
            metadata = await source.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.MetadataUnavailable(_logger, source.MetadataAddress, ex);
            return new Validation(BotAuthFailureReasons.MetadataUnavailable, null, null, null);
        }

        var result = await _handler.ValidateTokenAsync(raw, parameters(metadata)).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            Log.SigningKeyNotFound(_logger, source.MetadataAddress);
            var fresher = await source.RefreshAsync(metadata, cancellationToken).ConfigureAwait(false);
            if (fresher is not null)
            {
                metadata = fresher;
                result = await _handler.ValidateTokenAsync(raw, parameters(metadata)).ConfigureAwait(false);
            }
        }

        if (!result.IsValid)
        {
            if (result.Exception is not null)
            {
                Log.ValidationException(_logger, result.Exception.GetType().Name);
            }

            return new Validation(ReasonFor(result.Exception), null, null, null);
        }

        return result.SecurityToken is JsonWebToken token && result.ClaimsIdentity is { } identity
            ? new Validation(null, token, identity, metadata)
            : new Validation(BotAuthFailureReasons.ValidationFailed, null, null, null);
    }

    /// <summary>Reads the token without validating it; returns a refusal reason or null with the issuer.</summary>
    private static string? Peek(string raw, out string issuer)
    {
        issuer = string.Empty;
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(raw);
            if (token.IsEncrypted)
            {
                return BotAuthFailureReasons.EncryptedToken;
            }

            issuer = token.Issuer;
            if (!token.IsSigned)
            {
                return BotAuthFailureReasons.UnsignedToken;
            }

            return AllowedAlgorithms.Contains(token.Alg) ? null : BotAuthFailureReasons.AlgorithmNotAllowed;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
        {
            return BotAuthFailureReasons.MalformedToken;
        }
    }

    private static string ReasonFor(Exception? exception) => exception switch
    {
        SecurityTokenSignatureKeyNotFoundException => BotAuthFailureReasons.SigningKeyNotFound,
        SecurityTokenInvalidAlgorithmException => BotAuthFailureReasons.AlgorithmNotAllowed,
        SecurityTokenInvalidSignatureException => BotAuthFailureReasons.InvalidSignature,
        SecurityTokenInvalidIssuerException => BotAuthFailureReasons.InvalidIssuer,
        SecurityTokenInvalidAudienceException => BotAuthFailureReasons.InvalidAudience,
        SecurityTokenExpiredException => BotAuthFailureReasons.Expired,
        SecurityTokenNotYetValidException => BotAuthFailureReasons.NotYetValid,
        SecurityTokenNoExpirationException => BotAuthFailureReasons.NoExpiration,
        SecurityTokenInvalidLifetimeException => BotAuthFailureReasons.InvalidLifetime,
        SecurityTokenMalformedException => BotAuthFailureReasons.MalformedToken,
        _ => BotAuthFailureReasons.ValidationFailed,
    };

    private static string TrimSlash(string url) => url.EndsWith('/') ? url[..^1] : url;

    private BotAuthResult RefuseRequest(string reason, string? channelId)
    {
        Log.RequestRefused(_logger, reason, channelId);
        return BotAuthResult.Failed(reason);
    }

    private BotAuthResult Refuse(BotTokenKind path, string reason, string? channelId)
    {
        Log.TokenRefused(_logger, path, reason, channelId);
        return BotAuthResult.Failed(reason);
    }

    private sealed record Validation(string? Failure, JsonWebToken? Token, System.Security.Claims.ClaimsIdentity? Identity, BotOpenIdMetadata? Metadata);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Inbound request refused: {Reason} (channel {ChannelId})")]
        public static partial void RequestRefused(ILogger logger, string reason, string? channelId);

        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Inbound token refused (path: {Path}): {Reason} (channel {ChannelId})")]
        public static partial void TokenRefused(ILogger logger, BotTokenKind path, string reason, string? channelId);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Inbound request accepted without a token: authentication is disabled (channel {ChannelId})")]
        public static partial void AnonymousAccepted(ILogger logger, string? channelId);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Token signing key not found in {MetadataAddress}; refreshing the keys and retrying once")]
        public static partial void SigningKeyNotFound(ILogger logger, string metadataAddress);

        [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Signing keys could not be retrieved from {MetadataAddress}; refusing the request")]
        public static partial void MetadataUnavailable(ILogger logger, string metadataAddress, Exception exception);

        [LoggerMessage(EventId = 1105, Level = LogLevel.Debug, Message = "Token validation raised {ExceptionType}")]
        public static partial void ValidationException(ILogger logger, string exceptionType);
    }
}
