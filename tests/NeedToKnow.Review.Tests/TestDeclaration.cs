using System.Text;
using System.Text.Json;
using NeedToKnow.Core.Catalog;
using NeedToKnow.Core.Declarations;

namespace NeedToKnow.Review.Tests;

/// <summary>Builds privacy declarations for tests as the review receives them: JSON read by the foundation's validator.</summary>
internal static class TestDeclaration
{
    /// <summary>A declaration that passes validation, with <paramref name="keys"/> as its own items.</summary>
    public static DeclarationValidationResult Valid(string[] keys, (string Name, string[] Keys)[]? sdks = null, string[]? domains = null) =>
        Validate(Json(keys, sdks, domains));

    /// <summary>The JSON text of <see cref="Valid"/>.</summary>
    public static string Json(string[] keys, (string Name, string[] Keys)[]? sdks = null, string[]? domains = null)
    {
        var doc = new Dictionary<string, object>
        {
            ["appId"] = "wx8f2c0a5e1b3d4c6a",
            ["version"] = "1.0.0",
            ["developer"] = new { name = "Corner Shop Trading Co., Ltd.", entityType = "organisation", verified = true },
            ["serviceCategory"] = "online-shopping",
            ["contact"] = new { email = "privacy@cornershop.example.com" },
            ["changeNotice"] = "更新隐私保护指引时，通过小程序内弹窗告知你并重新征得同意",
            ["retention"] = "until-account-deletion",
            ["items"] = keys.Select(k => new { key = k, purpose = Purpose(k), necessity = "optional" }).ToArray(),
            ["sdks"] = (sdks ?? []).Select(s => new { name = s.Name, provider = s.Name + " Ltd.", items = s.Keys.Select(k => new { key = k, purpose = Purpose(k) }).ToArray() }).ToArray(),
            ["businessDomains"] = domains ?? [],
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public static DeclarationValidationResult Validate(string json) =>
        DeclarationValidator.Validate(Encoding.UTF8.GetBytes(json), PackageReviewer.DeclarationFileName, PrivacyCatalog.Default);

    private static string Purpose(string key) => "在你点击相关按钮时，用于完成该功能所需的处理并向你展示结果（" + key + "）";
}
