using InfoSharing.Bot.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using InfoSharing.Bot.Workflow;
using InfoSharing.Bot.Cards;

namespace InfoSharing.Bot.Tests.Auth;

public sealed class BotCredentialsOptionsTests
{
    private const string AppId = TestTokenIssuer.AppId;
    private const string Tenant = TestTokenIssuer.TenantId;

    [Fact]
    public void Bind_NothingConfigured_UsesTheDocumentedDefaults()
    {
        var options = Bind(new Dictionary<string, string?>());

        Assert.Equal(BotAppType.MultiTenant, options.AppType);
        Assert.Null(options.MicrosoftAppId);
        Assert.True(options.IsAuthenticationDisabled);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.ChannelOpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration", options.EmulatorOpenIdMetadataUrl);
        Assert.Equal("https://api.botframework.com", options.ChannelIssuer);
        Assert.Equal("https://login.microsoftonline.com", options.AuthorityHost);
        Assert.True(options.RequireHttpsMetadata);
    }

    [Fact]
    public void Bind_RootKeysAndSection_AreRead()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "singletenant",
            ["MicrosoftAppId"] = "  " + AppId + " ",
            ["MicrosoftAppPassword"] = " secret ",
            ["MicrosoftAppTenantId"] = Tenant,
            ["BotAuthentication:ChannelOpenIdMetadataUrl"] = "http://127.0.0.1:1/channel",
            ["BotAuthentication:EmulatorOpenIdMetadataUrl"] = "http://127.0.0.1:1/entra",
            ["BotAuthentication:ChannelIssuer"] = "https://api.botframework.us",
            ["BotAuthentication:RequireHttpsMetadata"] = "false",
            ["BotAuthentication:AuthorityHost"] = "https://login.microsoftonline.us",
            ["BotAuthentication:MicrosoftAppId"] = "ignored: credentials are root keys",
        });

        Assert.Equal(BotAppType.SingleTenant, options.AppType);
        Assert.Equal(AppId, options.MicrosoftAppId);
        Assert.Equal(" secret ", options.MicrosoftAppPassword);
        Assert.Equal(Tenant, options.MicrosoftAppTenantId);
        Assert.Equal("http://127.0.0.1:1/channel", options.ChannelOpenIdMetadataUrl);
        Assert.Equal("http://127.0.0.1:1/entra", options.EmulatorOpenIdMetadataUrl);
        Assert.Equal("https://api.botframework.us", options.ChannelIssuer);
        Assert.False(options.RequireHttpsMetadata);
        Assert.Equal("https://login.microsoftonline.us", options.AuthorityHost);
    }

    [Theory]
    [InlineData(null, BotAppType.MultiTenant)]
    [InlineData("", BotAppType.MultiTenant)]
    [InlineData("MultiTenant", BotAppType.MultiTenant)]
    [InlineData("multitenant", BotAppType.MultiTenant)]
    [InlineData("SingleTenant", BotAppType.SingleTenant)]
    [InlineData("SINGLETENANT", BotAppType.SingleTenant)]
    [InlineData("UserAssignedMSI", BotAppType.UserAssignedMsi)]
    [InlineData("userassignedmsi", BotAppType.UserAssignedMsi)]
    public void TryParseAppType_KnownNameAnyCase_Parses(string? value, BotAppType expected)
    {
        Assert.True(BotCredentialsOptions.TryParseAppType(value, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("SingleTenant,UserAssignedMsi")]
    [InlineData("Single Tenant")]
    [InlineData("ManagedIdentity")]
    public void TryParseAppType_UnknownValue_IsRejected(string value) =>
        Assert.False(BotCredentialsOptions.TryParseAppType(value, out _));

    public static TheoryData<string, string?, string?, string?, string?> ValidConfigurations => new()
    {
        // environment, type, app id, password, tenant
        { "Development", null, null, null, null },
        { "Development", "MultiTenant", null, null, null },
        { "Production", null, AppId, "secret", null },
        { "Production", "MultiTenant", AppId, "secret", Tenant },
        { "Staging", "SingleTenant", AppId, "secret", Tenant },
        { "Production", "UserAssignedMSI", AppId, null, Tenant },
        { "Development", "UserAssignedMSI", AppId, null, Tenant },
    };

    [Theory]
    [MemberData(nameof(ValidConfigurations))]
    public void Validate_ValidConfiguration_Succeeds(string environment, string? type, string? appId, string? password, string? tenant)
    {
        var result = Validate(environment, Settings(type, appId, password, tenant));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    public static TheoryData<string, string?, string?, string?, string?, string> InvalidConfigurations => new()
    {
        // environment, type, app id, password, tenant, key the message must name
        { "Production", null, null, null, null, "MicrosoftAppId" },
        { "Staging", null, null, null, null, "MicrosoftAppId" },
        { "Production", null, "", "", null, "MicrosoftAppId" },
        { "Production", "MultiTenant", AppId, null, null, "MicrosoftAppPassword" },
        { "Production", "SingleTenant", null, "secret", Tenant, "MicrosoftAppId" },
        { "Development", "SingleTenant", null, "secret", Tenant, "MicrosoftAppId" },
        { "Production", "SingleTenant", AppId, null, Tenant, "MicrosoftAppPassword" },
        { "Production", "SingleTenant", AppId, "secret", null, "MicrosoftAppTenantId" },
        { "Production", "UserAssignedMSI", null, null, Tenant, "MicrosoftAppId" },
        { "Production", "UserAssignedMSI", AppId, null, null, "MicrosoftAppTenantId" },
        { "Production", "UserAssignedMSI", AppId, "secret", Tenant, "MicrosoftAppPassword" },
        { "Production", "SingelTenant", AppId, "secret", Tenant, "MicrosoftAppType" },
        { "Production", "SingleTenant", AppId, "secret", "contoso.com/evil", "MicrosoftAppTenantId" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public void Validate_InvalidConfiguration_FailsNamingTheKey(string environment, string? type, string? appId, string? password, string? tenant, string key)
    {
        var result = Validate(environment, Settings(type, appId, password, tenant));

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("BotAuthentication:ChannelOpenIdMetadataUrl", "not a url")]
    [InlineData("BotAuthentication:ChannelOpenIdMetadataUrl", "http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("BotAuthentication:EmulatorOpenIdMetadataUrl", "ftp://example.com/metadata")]
    [InlineData("BotAuthentication:AuthorityHost", "http://login.microsoftonline.com")]
    [InlineData("BotAuthentication:AuthorityHost", "login.microsoftonline.com")]
    public void Validate_BadEndpoint_FailsNamingTheKey(string key, string value)
    {
        var settings = Settings(null, AppId, "secret", null);
        settings[key] = value;

        var result = Validate("Production", settings);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith(key, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_HttpMetadataWhenHttpsNotRequired_Succeeds()
    {
        var settings = Settings(null, AppId, "secret", null);
        settings["BotAuthentication:ChannelOpenIdMetadataUrl"] = "http://127.0.0.1:5000/channel";
        settings["BotAuthentication:RequireHttpsMetadata"] = "false";

        var result = Validate("Production", settings);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public async Task HostStart_ProductionWithoutAppId_FailsNamingMicrosoftAppId()
    {
        using var host = BuildHost("Production", Settings(null, null, null, null));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("MicrosoftAppId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_DevelopmentWithoutAppId_StartsAndWarns()
    {
        var logs = new CollectingLoggerProvider();
        using var host = BuildHost("Development", Settings(null, null, null, null), logs);

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        var warning = Assert.Single(logs.Entries, e => e.EventId.Id == 1130);
        Assert.Equal(LogLevel.Warning, warning.Level);
    }

    [Fact]
    public async Task HostStart_BadRequireHttpsValue_FailsNamingTheKey()
    {
        var settings = Settings(null, AppId, "secret", null);
        settings["BotAuthentication:RequireHttpsMetadata"] = "maybe";
        using var host = BuildHost("Production", settings);

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("RequireHttpsMetadata", error.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string? type, string? appId, string? password, string? tenant) => new()
    {
        ["MicrosoftAppType"] = type,
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppPassword"] = password,
        ["MicrosoftAppTenantId"] = tenant,
    };

    private static BotCredentialsOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new BotCredentialsOptions();
        BotCredentialsOptions.Bind(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), options);
        return options;
    }

    private static ValidateOptionsResult Validate(string environment, Dictionary<string, string?> settings) =>
        new BotCredentialsOptionsValidator(new TestHostEnvironment(environment)).Validate(Options.DefaultName, Bind(settings));

    private static IHost BuildHost(string environment, Dictionary<string, string?> settings, CollectingLoggerProvider? logs = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            builder.Services.AddLogging(logging => logging.AddProvider(logs));
        }

        builder.Services.AddBotAuthentication(builder.Configuration);
        return builder.Build();
    }
}
