using NeedToKnow.Core.Catalog;

namespace NeedToKnow.Core.Tests.Catalog;

public class DefaultCatalogTests
{
    private static readonly PrivacyCatalog Catalog = PrivacyCatalog.Default;

    // The 28 privacy_key values: 21 API-backed (miniprogram-intro.html) and 7 self-declared (getPrivacySetting).
    public static readonly string[] WeChatKeys =
    [
        "UserInfo", "Location", "ChooseLocation", "Address", "Invoice", "RunData", "PhoneNumber", "LicensePlate", "Album",
        "MessageFile", "Record", "Camera", "BlueTooth", "AlbumWriteOnly", "Contact", "CalendarWriteOnly", "Accelerometer",
        "Compass", "DeviceMotion", "Gyroscope", "Clipboard",
        "DeviceInfo", "Email", "EXIDNumber", "EXOrderInfo", "EXUserPublishContent", "EXUserFollowAcct", "EXUserOpLog",
    ];

    [Fact]
    public void Has_every_wechat_key_and_contact_read()
    {
        Assert.True(Catalog.Keys.Count >= 29, "keys: " + Catalog.Keys.Count);
        foreach (var id in WeChatKeys)
        {
            Assert.True(Catalog.TryGetKey(id, out var key), id);
            Assert.Equal(KeyOrigin.WeChat, key.Origin);
        }

        Assert.Equal(28, Catalog.Keys.Count(k => k.Origin == KeyOrigin.WeChat));
        Assert.Equal(21, Catalog.Keys.Count(k => k.Origin == KeyOrigin.WeChat && k.ApiBacked));
        Assert.True(Catalog.TryGetKey("Contact.Read", out var read));
        Assert.Equal("Contact", read.Parent);
        Assert.Equal(["Contact"], Catalog.GetAncestors("Contact.Read"));
        Assert.True(Catalog.Covers("Contact", "Contact.Read"));
        Assert.False(Catalog.Covers("Contact.Read", "Contact"));
    }

    [Fact]
    public void Phone_number_is_for_verified_organisations_only()
    {
        // https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html: non-individual, verified accounts.
        Assert.True(Catalog.TryGetKey("PhoneNumber", out var phone));
        Assert.Equal(DeveloperEntityTypes.Organisation | DeveloperEntityTypes.Government, phone.AllowedEntities);
        Assert.True(phone.RequiresVerifiedDeveloper);
        Assert.True(phone.NeedsUserGesture);
    }

    [Fact]
    public void Location_is_sensitive_and_needs_admission_and_required_private_infos()
    {
        Assert.True(Catalog.TryGetKey("Location", out var location));
        Assert.Equal(Sensitivity.Sensitive, location.Sensitivity);
        Assert.Contains("Art. 28", location.SensitivitySource, StringComparison.Ordinal);
        Assert.True(location.NeedsAdmission);
        Assert.True(location.NeedsRequiredPrivateInfos);
        Assert.Equal("scope.userLocation", location.Scope);
        Assert.True(Catalog.TryGetKey("AlbumWriteOnly", out var album));
        Assert.Equal(KeyAccess.WriteOnly, album.Access);
    }

    [Fact]
    public void The_eight_required_private_infos_apis_are_marked()
    {
        // https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#requiredPrivateInfos
        string[] expected = ["chooseAddress", "chooseLocation", "choosePoi", "getFuzzyLocation", "getLocation", "onLocationChange", "startLocationUpdate", "startLocationUpdateBackground"];
        var marked = Catalog.Bindings.Where(b => b.Platform == "wx" && b.RequiredPrivateInfo).Select(b => b.Member!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, marked);
    }

    [Fact]
    public void Location_precision_is_on_the_bindings()
    {
        Assert.True(Catalog.TryGetFunction("wx", "getFuzzyLocation", out var fuzzy));
        Assert.Equal(LocationPrecision.Fuzzy, fuzzy.Location);
        Assert.Equal("scope.userFuzzyLocation", fuzzy.Scope);
        Assert.True(Catalog.TryGetFunction("wx", "getLocation", out var precise));
        Assert.Equal(LocationPrecision.Precise, precise.Location);
        Assert.Equal("https://developers.weixin.qq.com/miniprogram/dev/api/location/wx.getLocation.html", precise.Source);
    }

    [Fact]
    public void Context_methods_are_found_with_their_factory()
    {
        Assert.True(Catalog.TryGetContextMethod("MapContext", "moveToLocation", out var move));
        Assert.Equal("createMapContext", move.Factory);
        Assert.Equal("Location", move.Key);
        Assert.Equal("MapContext.moveToLocation", move.Api);
        Assert.True(Catalog.TryGetContextType("getRecorderManager", out var recorder));
        Assert.Equal("RecorderManager", recorder);
        Assert.True(Catalog.TryGetContextMethod(recorder, "start", out var start));
        Assert.Equal("Record", start.Key);
        Assert.False(Catalog.TryGetContextMethod("MapContext", "getCenterLocation", out _));
    }

    [Fact]
    public void Components_and_attributes_are_found()
    {
        var pusher = Catalog.GetComponentBindings("live-pusher");
        Assert.Equal(["Camera", "Record"], pusher.Select(b => b.Key).Order(StringComparer.Ordinal));
        Assert.Equal("<live-pusher>", pusher[0].Api);
        Assert.Equal("Camera", Assert.Single(Catalog.GetComponentBindings("camera")).Key);
        Assert.Empty(Catalog.GetComponentBindings("xr-camera"));

        var combined = Catalog.FindAttributeBindings("button", "open-type", "getPhoneNumber|agreePrivacyAuthorization");
        var phone = Assert.Single(combined);
        Assert.Equal("PhoneNumber", phone.Key);
        Assert.Equal("<button open-type=\"getPhoneNumber\">", phone.Api);
        Assert.Equal("UserInfo", Assert.Single(Catalog.FindAttributeBindings("input", "type", "nickname")).Key);
        Assert.Empty(Catalog.FindAttributeBindings("input", "type", "text"));
        Assert.Single(Catalog.FindAttributeBindings(null, "open-type", "chooseAvatar"));
        Assert.Empty(Catalog.FindAttributeBindings("van-button", "open-type", "chooseAvatar"));
    }

    [Fact]
    public void Authorize_scopes_are_found()
    {
        Assert.True(Catalog.TryGetAuthorizeBinding("wx", "authorize", "scope.writePhotosAlbum", out var write));
        Assert.Equal("AlbumWriteOnly", write.Key);
        Assert.Equal(BindingKind.AuthorizeScope, write.Kind);
        Assert.Equal("wx.authorize", write.Api);
        Assert.True(Catalog.TryGetScope("scope.address", out var address));
        Assert.Equal(ScopeStatus.Cancelled, address.Status);
        Assert.True(Catalog.TryGetScope("scope.userInfo", out var userInfo));
        Assert.Equal(ScopeStatus.Withdrawn, userInfo.Status);
        Assert.Contains(Catalog.GetBindingsForScope("scope.userLocation"), b => b.Id == "wx.getLocation");
    }

    [Fact]
    public void Every_platform_namespace_has_bindings()
    {
        Assert.Equal(["Taro", "my", "qq", "swan", "tt", "uni", "wx"], Catalog.PlatformNamespaces.Order(StringComparer.Ordinal));
        Assert.True(Catalog.TryGetFunction("uni", "getLocation", out var uni));
        Assert.Equal("Location", uni.Key);
        Assert.True(Catalog.TryGetFunction("my", "getAuthCode", out var authCode));
        Assert.False(authCode.Verified);
        Assert.False(Catalog.TryGetFunction("wx", "openLocation", out _));
        Assert.False(Catalog.TryGetFunction("wx", "getSetting", out _));
    }

    [Fact]
    public void Withdrawn_user_info_apis_are_deprecated_and_replaced()
    {
        Assert.True(Catalog.TryGetFunction("wx", "getUserProfile", out var profile));
        Assert.True(profile.IsDeprecated);
        Assert.Equal("wxml:button[open-type=chooseAvatar]", profile.ReplacedBy);
        Assert.True(Catalog.TryGetBinding(profile.ReplacedBy!, out var avatar));
        Assert.False(avatar.IsDeprecated);
    }

    [Fact]
    public void Gate_reason_codes_mirror_wechat_errno()
    {
        // https://developers.weixin.qq.com/miniprogram/dev/framework/usability/PublicErrno.html
        foreach (var (id, errMsg) in new[]
        {
            ("102", "jsapi has no permission"), ("103", "jsapi user authorize denied"), ("104", "privacy permission is not authorized"),
            ("112", "api scope is not declared in the privacy agreement"), ("1025", "wxa appid privacy api banned"),
            ("101100", "interface is not declared in the privacy agreement"), ("101101", "privacy interface is banned"),
            ("101102", "privacy permission is not authorized"),
        })
        {
            Assert.True(Catalog.TryGetReasonCode(id, out var code), id);
            Assert.Equal(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), code.Errno);
            Assert.Equal(errMsg, code.ErrMsg);
            Assert.Equal(ReasonArea.Gate, code.Area);
        }

        Assert.True(Catalog.TryGetReasonCode("90602", out var store));
        Assert.Contains("unavailable", store.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_row_cites_a_source_and_messages_follow_the_style()
    {
        var rows = Catalog.Keys.Cast<CatalogEntry>().Concat(Catalog.Bindings).Concat(Catalog.Scopes).Concat(Catalog.ServiceCategories).Concat(Catalog.ReasonCodes);
        foreach (var row in rows)
        {
            Assert.False(string.IsNullOrWhiteSpace(row.Source), row.Id);
        }

        foreach (var code in Catalog.ReasonCodes)
        {
            Assert.Matches("^[a-z0-9`]", code.Message);
            Assert.False(code.Message.EndsWith('.'), code.Id);
            Assert.DoesNotContain('\n', code.Message);
        }
    }

    [Fact]
    public void Default_is_one_shared_instance()
    {
        Assert.Same(PrivacyCatalog.Default, PrivacyCatalog.Default);
    }
}
