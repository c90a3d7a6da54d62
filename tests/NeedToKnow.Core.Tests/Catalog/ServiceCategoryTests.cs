using NeedToKnow.Core.Catalog;

namespace NeedToKnow.Core.Tests.Catalog;

public class ServiceCategoryTests
{
    private static readonly PrivacyCatalog Catalog = PrivacyCatalog.Default;

    [Fact]
    public void There_are_39_numbered_categories_and_13_need_nothing()
    {
        // 2021 Provisions Art. 5: 39 types; 13 need no personal information (21 and 27-38).
        Assert.Equal(39, Catalog.ServiceCategories.Count);
        Assert.Equal(Enumerable.Range(1, 39), Catalog.ServiceCategories.Select(c => c.Number));
        var none = Catalog.ServiceCategories.Where(c => c.NeedsNoPersonalInformation).Select(c => c.Number).ToArray();
        Assert.Equal([21, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38], none);
    }

    [Theory]
    [InlineData("map-navigation", "地图导航", new[] { "Location", "x-trip" })]
    [InlineData("online-shopping", "网上购物", new[] { "PhoneNumber", "x-consignee", "x-payment" })]
    [InlineData("online-payment", "网络支付", new[] { "PhoneNumber", "x-name", "x-id-document", "x-bank-card" })]
    [InlineData("courier", "邮件快件寄递", new[] { "x-name", "x-id-document", "x-consignee", "x-parcel" })]
    [InlineData("ride-hailing", "网络约车", new[] { "PhoneNumber", "x-trip", "Location", "x-trajectory", "x-payment" })]
    [InlineData("performance-tickets", "演出票务", new[] { "PhoneNumber", "x-ticket", "x-payment" })]
    public void Chosen_rows_match_the_provisions(string id, string nameZh, string[] keys)
    {
        // https://www.cac.gov.cn/2021-03/22/c_1617990997054277.htm (reference necessary-scope.md §5.1, rows tagged V)
        Assert.True(Catalog.TryGetServiceCategory(id, out var category));
        Assert.Equal(nameZh, category.NameZh);
        Assert.Equal(keys, category.NecessaryKeys);
        Assert.True(Catalog.TryGetServiceCategory(nameZh, out var byName));
        Assert.Same(category, byName);
        Assert.Contains("cac.gov.cn", category.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Courier_needs_no_phone_of_the_registered_user()
    {
        Assert.True(Catalog.TryGetServiceCategory("courier", out var courier));
        Assert.DoesNotContain("PhoneNumber", courier.NecessaryKeys);
    }

    [Fact]
    public void Every_necessary_key_is_a_catalog_key()
    {
        foreach (var category in Catalog.ServiceCategories)
        {
            Assert.All(category.NecessaryKeys, k => Assert.True(Catalog.TryGetKey(k, out _), category.Id + ": " + k));
            Assert.Equal(category.NecessaryItems.Count == 0, category.NecessaryKeys.Count == 0);
        }
    }
}
