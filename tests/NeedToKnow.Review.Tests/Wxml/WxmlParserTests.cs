using NeedToKnow.Review.Wxml;

namespace NeedToKnow.Review.Tests.Wxml;

public class WxmlParserTests
{
    private static (int Line, int Column) At(WxmlDocument d, int offset) => d.Lines.Position(offset);

    [Fact]
    public void Reads_tags_with_quoted_unquoted_and_valueless_attributes_and_their_positions()
    {
        var d = WxmlParser.Parse("<view>\n  <button open-type=\"getPhoneNumber\" size=mini disabled class='a'>x</button>\n</view>");
        Assert.Equal(["view", "button"], d.Elements.Select(e => e.Tag));
        var b = d.Elements[1];
        Assert.Equal((2, 3), At(d, b.Offset));
        Assert.Equal(["open-type", "size", "disabled", "class"], b.Attributes.Select(a => a.Name));
        Assert.Equal(["getPhoneNumber", "mini", null, "a"], b.Attributes.Select(a => a.Value));
        Assert.Equal((2, 11), At(d, b.Attributes[0].NameOffset));
    }

    [Fact]
    public void A_less_than_inside_a_text_binding_does_not_start_a_tag()
    {
        var d = WxmlParser.Parse("<view>{{a<b ? 1 : 2}}</view><camera/>");
        Assert.Equal(["view", "camera"], d.Elements.Select(e => e.Tag));
    }

    [Fact]
    public void Comments_are_ignored()
    {
        var d = WxmlParser.Parse("<!-- <camera></camera> --><view/>");
        Assert.Equal(["view"], d.Elements.Select(e => e.Tag));
    }

    [Fact]
    public void Import_and_template_are_not_re_nested()
    {
        var d = WxmlParser.Parse("<import src=\"a.wxml\"/><template is=\"x\"/><template name=\"y\"><camera/></template>");
        Assert.Equal(["import", "template", "template", "camera"], d.Elements.Select(e => e.Tag));
    }

    [Fact]
    public void Quotes_of_the_other_kind_and_bindings_stay_inside_a_value()
    {
        var d = WxmlParser.Parse("<button open-type=\"{{ a ? 'getPhoneNumber' : '' }}\" b=\"{{ x > 1 }}\"/>");
        var b = Assert.Single(d.Elements);
        Assert.Equal("{{ a ? 'getPhoneNumber' : '' }}", b.Attributes[0].Value);
        Assert.Equal("{{ x > 1 }}", b.Attributes[1].Value);
    }

    [Fact]
    public void Attributes_without_whitespace_between_them_are_apart()
    {
        var d = WxmlParser.Parse("<view class=\"l l-collect\"open-type=\"openSetting\"/>");
        Assert.Equal(["class", "open-type"], Assert.Single(d.Elements).Attributes.Select(a => a.Name));
    }

    [Fact]
    public void A_later_duplicate_attribute_wins()
    {
        var d = WxmlParser.Parse("<button open-type=\"getUserProfile\" open-type=\"getUserInfo\"/>");
        var attr = Assert.Single(d.Elements).Attribute("open-type")!;
        Assert.Equal("getUserInfo", attr.Value);
        Assert.Equal(35, attr.NameOffset);
    }

    [Fact]
    public void Inline_wxs_bodies_are_scripts_with_their_offset()
    {
        const string text = "<wxs module=\"m\">\nvar a = 1 < 2;\n</wxs><wxs src=\"./x.wxs\" module=\"n\"/>";
        var d = WxmlParser.Parse(text);
        var script = Assert.Single(d.Scripts);
        Assert.Equal("m", script.Module);
        Assert.Equal("\nvar a = 1 < 2;\n", script.Code);
        Assert.Equal((1, 17), At(d, script.Offset));
        Assert.Equal(["wxs", "wxs"], d.Elements.Select(e => e.Tag));
    }

    [Fact]
    public void An_unterminated_tag_ends_where_the_next_one_starts()
    {
        var d = WxmlParser.Parse("<view class=\"a\"\n<camera></camera>");
        Assert.Equal(["view", "camera"], d.Elements.Select(e => e.Tag));
    }

    [Fact]
    public void Truncated_input_does_not_throw()
    {
        foreach (var text in new[] { "<", "<view", "<view a=", "<view a=\"", "<!--", "{{", "<wxs>", "<view a=\"{{b", "</" })
        {
            _ = WxmlParser.Parse(text);
        }
    }

    [Theory]
    [InlineData("getPhoneNumber", "getPhoneNumber")]
    [InlineData("{{cond ? 'getPhoneNumber' : ''}}", "getPhoneNumber|")]
    [InlineData("{{ openType === 'getUserInfo' ? '' : openType }}", "")]
    [InlineData("{{ disabled || loading || (canIUseGetUserProfile && openType === 'getUserInfo') ? '' : openType }}", "")]
    [InlineData("{{ a || 'chooseAvatar' }}", "chooseAvatar")]
    [InlineData("{{ ('getPhoneNumber') }}", "getPhoneNumber")]
    [InlineData("{{ fn('getPhoneNumber') }}", "")]
    [InlineData("{{ 'get' + 'PhoneNumber' }}", "")]
    [InlineData("{{ a ? (b ? 'x' : 'y') : \"z\" }}", "x|y|z")]
    [InlineData("get{{x}}", "get")]
    public void Binding_values_count_only_literals_that_can_be_the_result(string value, string expected)
    {
        Assert.Equal(expected, string.Join('|', BindingValues.Of(value)));
    }

    [Fact]
    public void Deeply_nested_bindings_give_no_values_and_no_crash()
    {
        var value = "{{" + new string('(', 100_000) + "'getPhoneNumber'" + new string(')', 100_000) + "}}";
        Assert.Empty(BindingValues.Of(value));
    }
}
