using System.Text.Json;
using NeedToKnow.Core.Diagnostics;
using NeedToKnow.Review.Rules;

namespace NeedToKnow.Review;

/// <summary>Reads a privacy declaration (<c>privacy.json</c>) into what the review compares with.</summary>
public static class DeclarationInput
{
    /// <summary>Reads <paramref name="json"/>; a text that is not a declaration gives a declaration with no keys and an NTK-REV-015 problem.</summary>
    /// <param name="json">The declaration text.</param>
    /// <param name="file">Its file name, for locations.</param>
    /// <returns>The declaration as the review sees it.</returns>
    public static ReviewDeclaration Read(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        var keys = new List<string>();
        var sdks = new List<ReviewSdk>();
        var domains = new List<string>();
        var problems = new List<Diagnostic>();
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                ItemKeys(root, keys);
                if (root.TryGetProperty("sdks", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var sdk in list.EnumerateArray())
                    {
                        if (sdk.ValueKind == JsonValueKind.Object && sdk.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                        {
                            var sdkKeys = new List<string>();
                            ItemKeys(sdk, sdkKeys);
                            sdks.Add(new ReviewSdk(name.GetString()!, sdkKeys));
                        }
                    }
                }

                if (root.TryGetProperty("businessDomains", out var bd) && bd.ValueKind == JsonValueKind.Array)
                {
                    foreach (var d in bd.EnumerateArray())
                    {
                        if (d.ValueKind == JsonValueKind.String)
                        {
                            domains.Add(d.GetString()!.Trim().ToLowerInvariant());
                        }
                    }
                }
            }
        }
        catch (JsonException e)
        {
            problems.Add(ReviewRules.Create("NTK-REV-015", "`" + file + "` is not valid JSON: " + e.Message.Split(" Path:")[0].Trim().TrimEnd('.').ToLowerInvariant(), file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1));
        }

        return new ReviewDeclaration(keys, sdks, domains, problems);
    }

    private static void ItemKeys(JsonElement owner, List<string> into)
    {
        if (owner.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String)
                {
                    into.Add(key.GetString()!);
                }
                else if (item.ValueKind == JsonValueKind.String)
                {
                    into.Add(item.GetString()!);
                }
            }
        }

        if (owner.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
        {
            foreach (var key in keys.EnumerateArray())
            {
                if (key.ValueKind == JsonValueKind.String)
                {
                    into.Add(key.GetString()!);
                }
            }
        }
    }
}
