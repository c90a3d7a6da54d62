namespace NeedToKnow.Links.Homographs;

/// <summary>
/// The scripts NeedToKnow tells apart (a subset of Unicode's Script property, UAX #24). <see cref="Common"/> and
/// <see cref="Inherited"/> characters (digits, hyphen, combining marks) go with any script; <see cref="Other"/>
/// stands for every script not listed, which the display policy treats as unsafe.
/// </summary>
internal enum UnicodeScript : byte
{
    Unknown,
    Common,
    Inherited,
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Thaana,
    Devanagari,
    Bengali,
    Gurmukhi,
    Gujarati,
    Oriya,
    Tamil,
    Telugu,
    Kannada,
    Malayalam,
    Sinhala,
    Thai,
    Lao,
    Tibetan,
    Myanmar,
    Georgian,
    Hangul,
    Ethiopic,
    Cherokee,
    CanadianAboriginal,
    Khmer,
    Mongolian,
    Hiragana,
    Katakana,
    Bopomofo,
    Han,
    Yi,
    Lisu,
    Vai,
    Tifinagh,
    Coptic,
    Other,
}
