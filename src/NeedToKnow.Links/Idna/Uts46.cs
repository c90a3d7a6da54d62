using System.Runtime.InteropServices;
using NeedToKnow.Links.Text;

namespace NeedToKnow.Links.Idna;

/// <summary>
/// Unicode IDNA Compatibility Processing, UTS #46 (https://www.unicode.org/reports/tr46/), version 17.0.0: ToASCII
/// (§4.2) and ToUnicode (§4.3) over the processing steps of §4 and the validity criteria of §4.1, with Punycode from
/// RFC 3492, the Bidi Rule from RFC 5893 §2 and the ContextJ rules from RFC 5892 Appendix A. Does not use
/// <see cref="System.Globalization.IdnMapping"/>.
/// </summary>
/// <remarks>
/// The mapping table is Unicode 17.0.0; Bidi_Class, Joining_Type, combining classes and decompositions come from the
/// Unicode 15.0.0 UCD (see <c>docs/links.md</c>, "IDNA", for what that leaves out).
/// </remarks>
public static class Uts46
{
    [ThreadStatic]
    private static Workspace? t_workspace;

    /// <summary>UTS #46 ToASCII (§4.2).</summary>
    /// <param name="domain">The domain name, any string.</param>
    /// <param name="options">The processing flags; the URL Standard uses <see cref="Uts46Options.UrlStandard"/>.</param>
    /// <returns>The ASCII form, lowercase, with <c>xn--</c> labels, and the errors recorded (none on success).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    public static Uts46Result ToAscii(string domain, Uts46Options options)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var output = new CharBuffer(domain.Length + 8);
        var errors = ToAsciiCore(domain, options, output);
        return new Uts46Result(output.ToString(), errors);
    }

    /// <summary>UTS #46 ToUnicode (§4.3).</summary>
    /// <param name="domain">The domain name, any string.</param>
    /// <param name="options">The processing flags (VerifyDnsLength is ignored).</param>
    /// <returns>The Unicode form and the errors recorded; the value is returned even when there are errors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    public static Uts46Result ToUnicode(string domain, Uts46Options options)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var ws = t_workspace ??= new Workspace();
        var errors = Process(domain, options, ws);
        var output = new CharBuffer(domain.Length + 8);
        foreach (var cp in ws.Output)
        {
            AppendCodePoint(output, cp);
        }

        return new Uts46Result(output.ToString(), errors);
    }

    /// <summary>The URL Standard's domain to ASCII (beStrict false) into <paramref name="output"/>; false on any error.</summary>
    internal static bool ToAsciiForUrl(ReadOnlySpan<char> domain, CharBuffer output, CharBuffer scratch)
    {
        _ = scratch;
        return ToAsciiCore(domain, Uts46Options.UrlStandard, output) == Uts46Errors.None;
    }

    internal static Uts46Errors ToAsciiCore(ReadOnlySpan<char> domain, Uts46Options options, CharBuffer output)
    {
        var ws = t_workspace ??= new Workspace();
        var errors = Process(domain, options, ws);
        var all = CollectionsMarshal.AsSpan(ws.Output);
        var start = output.Length;
        var labelStart = 0;
        var labelCount = 0;
        var maxLabel = 0;
        var emptyLabel = false;
        for (var i = 0; i <= all.Length; i++)
        {
            if (i < all.Length && all[i] != '.')
            {
                continue;
            }

            var label = all[labelStart..i];
            var before = output.Length;
            var ascii = true;
            foreach (var cp in label)
            {
                if (cp >= 0x80)
                {
                    ascii = false;
                    break;
                }
            }

            if (ascii)
            {
                foreach (var cp in label)
                {
                    output.Append((char)cp);
                }
            }
            else
            {
                output.Append("xn--");
                if (!Rfc3492.Encode(label, output))
                {
                    errors |= Uts46Errors.PunycodeEncode;
                }
            }

            var labelLength = output.Length - before;
            maxLabel = Math.Max(maxLabel, labelLength);
            labelCount++;
            if (labelLength == 0 && !(i == all.Length && labelCount > 1))
            {
                emptyLabel = true;
            }

            if (i < all.Length)
            {
                output.Append('.');
            }

            labelStart = i + 1;
        }

        if (options.VerifyDnsLength)
        {
            // UTS #46 §4.2 step 3 (A4_1, A4_2): the root label (a trailing dot) is not counted.
            var length = output.Length - start;
            if (length > 0 && output[output.Length - 1] == '.')
            {
                length--;
            }

            if (emptyLabel || length is < 1 or > 253 || maxLabel > 63)
            {
                errors |= Uts46Errors.DnsLength;
            }
        }

        return errors;
    }

    /// <summary>UTS #46 §4 Processing steps 1–4 (map, normalize, break, convert/validate) and the Bidi check.</summary>
    private static Uts46Errors Process(ReadOnlySpan<char> domain, Uts46Options options, Workspace ws)
    {
        var errors = Uts46Errors.None;
        var mapped = ws.Mapped;
        mapped.Clear();

        // Step 1: map each code point (§5 statuses).
        for (var i = 0; i < domain.Length; i++)
        {
            int cp = domain[i];
            if (char.IsHighSurrogate((char)cp) && i + 1 < domain.Length && char.IsLowSurrogate(domain[i + 1]))
            {
                cp = char.ConvertToUtf32((char)cp, domain[i + 1]);
                i++;
            }

            if (cp is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.')
            {
                mapped.Add(cp);
                continue;
            }

            switch (UnicodeTables.Lookup(cp, out var mapping))
            {
                case IdnaStatus.Mapped:
                    AddCodePoints(mapped, mapping);
                    break;
                case IdnaStatus.Deviation when options.TransitionalProcessing:
                    AddCodePoints(mapped, mapping);
                    break;
                case IdnaStatus.Ignored:
                    break;
                default:
                    // valid, deviation (nontransitional) and disallowed stay; disallowed is caught by the validity check.
                    mapped.Add(cp);
                    break;
            }
        }

        // Step 2: normalize to NFC.
        var normalized = ws.Normalized;
        normalized.Clear();
        Nfc.Normalize(CollectionsMarshal.AsSpan(mapped), normalized);

        // Steps 3-4: break into labels at U+002E and convert/validate each.
        var output = ws.Output;
        output.Clear();
        var all = CollectionsMarshal.AsSpan(normalized);
        var labelStart = 0;
        for (var i = 0; i <= all.Length; i++)
        {
            if (i < all.Length && all[i] != '.')
            {
                continue;
            }

            var label = all[labelStart..i];
            if (label.Length >= 4 && label[0] == 'x' && label[1] == 'n' && label[2] == '-' && label[3] == '-')
            {
                var ok = true;
                foreach (var cp in label)
                {
                    if (cp >= 0x80)
                    {
                        ok = false;
                        break;
                    }
                }

                var decodedStart = output.Count;
                if (ok)
                {
                    if (ws.Chars.Length < label.Length)
                    {
                        ws.Chars = new char[label.Length];
                    }

                    var chars = ws.Chars.AsSpan(0, label.Length - 4);
                    for (var k = 4; k < label.Length; k++)
                    {
                        chars[k - 4] = (char)label[k];
                    }

                    ok = Rfc3492.Decode(chars, output);
                }

                if (!ok)
                {
                    output.RemoveRange(decodedStart, output.Count - decodedStart);
                    if (!options.IgnoreInvalidPunycode)
                    {
                        errors |= Uts46Errors.Punycode;
                    }

                    AddLabel(output, label);
                }
                else
                {
                    var decoded = CollectionsMarshal.AsSpan(output)[decodedStart..];
                    var allAscii = true;
                    foreach (var cp in decoded)
                    {
                        if (cp >= 0x80)
                        {
                            allAscii = false;
                            break;
                        }
                    }

                    if (decoded.IsEmpty || allAscii)
                    {
                        errors |= Uts46Errors.Punycode;
                    }

                    errors |= Validate(decoded, options, transitional: false, checkNfc: true);
                }
            }
            else
            {
                var start = output.Count;
                AddLabel(output, label);
                errors |= Validate(CollectionsMarshal.AsSpan(output)[start..], options, options.TransitionalProcessing, checkNfc: false);
            }

            if (i < all.Length)
            {
                output.Add('.');
            }

            labelStart = i + 1;
        }

        if (options.CheckBidi && IsBidiDomainName(CollectionsMarshal.AsSpan(output)))
        {
            var labels = CollectionsMarshal.AsSpan(output);
            var s = 0;
            for (var i = 0; i <= labels.Length; i++)
            {
                if (i == labels.Length || labels[i] == '.')
                {
                    if (i > s && !SatisfiesBidiRule(labels[s..i]))
                    {
                        errors |= Uts46Errors.Bidi;
                    }

                    s = i + 1;
                }
            }
        }

        return errors;
    }

    /// <summary>UTS #46 §4.1 Validity Criteria.</summary>
    private static Uts46Errors Validate(ReadOnlySpan<int> label, Uts46Options options, bool transitional, bool checkNfc)
    {
        if (label.IsEmpty)
        {
            return Uts46Errors.None;
        }

        var errors = Uts46Errors.None;
        if (checkNfc && !Nfc.IsNormalized(label))
        {
            errors |= Uts46Errors.NotNfc;
        }

        if (options.CheckHyphens)
        {
            if (label.Length >= 4 && label[2] == '-' && label[3] == '-')
            {
                errors |= Uts46Errors.HyphenThirdFourth;
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                errors |= Uts46Errors.LeadingOrTrailingHyphen;
            }
        }
        else if (label.Length >= 4 && label[0] == 'x' && label[1] == 'n' && label[2] == '-' && label[3] == '-')
        {
            errors |= Uts46Errors.XnPrefix;
        }

        if (UnicodeTables.IsMark(label[0]))
        {
            errors |= Uts46Errors.LeadingCombiningMark;
        }

        for (var i = 0; i < label.Length; i++)
        {
            var cp = label[i];
            if (cp == '.')
            {
                errors |= Uts46Errors.FullStop;
                continue;
            }

            if (cp < 0x80)
            {
                if (options.UseStd3AsciiRules && cp is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
                {
                    errors |= Uts46Errors.Std3;
                }

                if (cp is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
                {
                    continue;
                }
            }

            var status = cp is >= 0xD800 and <= 0xDFFF ? IdnaStatus.Disallowed : UnicodeTables.Lookup(cp, out _);
            if (!(status == IdnaStatus.Valid || (status == IdnaStatus.Deviation && !transitional)))
            {
                errors |= Uts46Errors.Disallowed;
            }

            if (options.CheckJoiners && cp is 0x200C or 0x200D && !SatisfiesContextJ(label, i))
            {
                errors |= Uts46Errors.ContextJ;
            }
        }

        return errors;
    }

    /// <summary>RFC 5892 Appendix A.1 (ZERO WIDTH NON-JOINER) and A.2 (ZERO WIDTH JOINER).</summary>
    private static bool SatisfiesContextJ(ReadOnlySpan<int> label, int i)
    {
        if (i > 0 && UnicodeTables.GetCombiningClass(label[i - 1]) == 9)
        {
            return true; // Canonical_Combining_Class(Before(cp)) = Virama
        }

        if (label[i] == 0x200D)
        {
            return false;
        }

        // (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D})
        var j = i - 1;
        while (j >= 0 && UnicodeTables.GetJoiningType(label[j]) == JoiningType.T)
        {
            j--;
        }

        if (j < 0 || UnicodeTables.GetJoiningType(label[j]) is not (JoiningType.L or JoiningType.D))
        {
            return false;
        }

        var k = i + 1;
        while (k < label.Length && UnicodeTables.GetJoiningType(label[k]) == JoiningType.T)
        {
            k++;
        }

        return k < label.Length && UnicodeTables.GetJoiningType(label[k]) is JoiningType.R or JoiningType.D;
    }

    /// <summary>RFC 5893 §1.4: a Bidi domain name has a label with an R, AL or AN character.</summary>
    private static bool IsBidiDomainName(ReadOnlySpan<int> domain)
    {
        foreach (var cp in domain)
        {
            if (cp >= 0x0590 && UnicodeTables.GetBidiClass(cp) is BidiClass.R or BidiClass.AL or BidiClass.AN)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The Bidi Rule, RFC 5893 §2 conditions 1–6.</summary>
    private static bool SatisfiesBidiRule(ReadOnlySpan<int> label)
    {
        var first = UnicodeTables.GetBidiClass(label[0]);
        var last = label.Length - 1;
        while (last > 0 && UnicodeTables.GetBidiClass(label[last]) == BidiClass.NSM)
        {
            last--;
        }

        var end = UnicodeTables.GetBidiClass(label[last]);
        if (first is BidiClass.R or BidiClass.AL)
        {
            bool hasEn = false, hasAn = false;
            foreach (var cp in label)
            {
                var c = UnicodeTables.GetBidiClass(cp);
                switch (c)
                {
                    case BidiClass.EN:
                        hasEn = true;
                        break;
                    case BidiClass.AN:
                        hasAn = true;
                        break;
                    case BidiClass.R or BidiClass.AL or BidiClass.ES or BidiClass.CS or BidiClass.ET or BidiClass.ON or BidiClass.BN or BidiClass.NSM:
                        break;
                    default:
                        return false; // condition 2
                }
            }

            return end is BidiClass.R or BidiClass.AL or BidiClass.EN or BidiClass.AN // condition 3
                && !(hasEn && hasAn); // condition 4
        }

        if (first != BidiClass.L)
        {
            return false; // condition 1
        }

        foreach (var cp in label)
        {
            if (UnicodeTables.GetBidiClass(cp) is not (BidiClass.L or BidiClass.EN or BidiClass.ES or BidiClass.CS or BidiClass.ET
                or BidiClass.ON or BidiClass.BN or BidiClass.NSM))
            {
                return false; // condition 5
            }
        }

        return end is BidiClass.L or BidiClass.EN; // condition 6
    }

    private static void AddLabel(List<int> output, ReadOnlySpan<int> label)
    {
        foreach (var cp in label)
        {
            output.Add(cp);
        }
    }

    private static void AddCodePoints(List<int> output, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length)
            {
                output.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                output.Add(text[i]);
            }
        }
    }

    private static void AppendCodePoint(CharBuffer output, int cp)
    {
        if (cp < 0x10000)
        {
            output.Append((char)cp);
        }
        else
        {
            output.Append((char)(0xD800 + ((cp - 0x10000) >> 10)));
            output.Append((char)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        }
    }

    private sealed class Workspace
    {
        public readonly List<int> Mapped = new(64);
        public readonly List<int> Normalized = new(64);
        public readonly List<int> Output = new(64);
        public char[] Chars = new char[64];
    }
}
