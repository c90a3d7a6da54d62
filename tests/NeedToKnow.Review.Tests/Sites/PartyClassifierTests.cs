using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.Tests.Sites;

public sealed class PartyClassifierTests
{
    [Theory]
    [InlineData("pages/index/index.js", "first")]
    [InlineData("app.js", "first")]
    [InlineData("miniprogram_npm/@vant/weapp/uploader/utils.js", "@vant/weapp")]
    [InlineData("miniprogram_npm/weui-miniprogram/uploader/uploader.js", "weui-miniprogram")]
    [InlineData("miniprogram_npm/mp-html/node/node.js", "mp-html")]
    [InlineData("lib/vant-weapp/uploader/index.js", "vant-weapp")]
    [InlineData("lib/qqmap-wx-jssdk.js", "qqmap-wx-jssdk")]
    [InlineData("libs/av-live-query-core-min.js", "av-live-query-core-min")]
    [InlineData("utils/qqmap-wx-jssdk.min.js", "qqmap-wx-jssdk")]
    [InlineData("utils/bmap-wx.js", "bmap-wx")]
    [InlineData("utils/tencent-sdk.js", "tencent-sdk")]
    [InlineData("utils/util.js", "first")]
    [InlineData("utils/fundebug.0.5.0.min.js", "fundebug")]
    [InlineData("components/towxml/parse/index.js", "towxml")]
    [InlineData("packageComponent/components/tdesign-miniprogram/cell/cell.js", "tdesign-miniprogram")]
    public void Classifies_by_path(string path, string party)
    {
        Assert.Equal(party, PartyClassifier.Default.Classify(path));
    }

    [Fact]
    public void A_folder_with_its_own_package_json_is_that_package()
    {
        Assert.True(PartyClassifier.TryReadPackageName("{\"name\": \"weui-miniprogram\", \"version\": \"1.0.0\"}", out var name));
        var classifier = new PartyClassifier([new("packageExtend/components", name)]);

        Assert.Equal("weui-miniprogram", classifier.Classify("packageExtend/components/uploader/uploader.js"));
        Assert.Equal("first", classifier.Classify("packageExtend/pages/form/uploader/uploader.js"));
    }

    [Fact]
    public void A_package_json_without_a_name_is_not_a_marker()
    {
        Assert.False(PartyClassifier.TryReadPackageName("{\"dependencies\": {}}", out _));
        Assert.False(PartyClassifier.TryReadPackageName("not json", out _));
    }
}
