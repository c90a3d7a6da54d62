using System.Runtime.CompilerServices;

namespace NeedToKnow.Links.Text;

/// <summary>
/// A growable UTF-16 buffer reused across parses (one per thread inside the URL record), so that parsing allocates
/// nothing but its result (STYLE.md H8).
/// </summary>
internal sealed class CharBuffer
{
    private const int RetainLimit = 1 << 16;
    private const int InitialCapacity = 128;

    private char[] _chars;

    public CharBuffer(int capacity = InitialCapacity) => _chars = new char[capacity];

    /// <summary>The number of characters written.</summary>
    public int Length { get; private set; }

    public char this[int index]
    {
        get => _chars[index];
        set => _chars[index] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(char c)
    {
        var chars = _chars;
        var length = Length;
        if ((uint)length < (uint)chars.Length)
        {
            chars[length] = c;
            Length = length + 1;
        }
        else
        {
            GrowAndAppend(c);
        }
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > _chars.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
    }

    public void Append(string text) => Append(text.AsSpan());

    /// <summary>Appends a non-negative number in decimal.</summary>
    public void AppendNumber(uint value)
    {
        Span<char> digits = stackalloc char[10];
        var i = digits.Length;
        do
        {
            digits[--i] = (char)('0' + (value % 10));
            value /= 10;
        }
        while (value != 0);
        Append(digits[i..]);
    }

    public ReadOnlySpan<char> AsSpan() => _chars.AsSpan(0, Length);

    public ReadOnlySpan<char> AsSpan(int start) => _chars.AsSpan(start, Length - start);

    public Span<char> AsWritableSpan() => _chars.AsSpan(0, Length);

    public void Clear()
    {
        Length = 0;
        if (_chars.Length > RetainLimit)
        {
            _chars = new char[InitialCapacity];
        }
    }

    public void Truncate(int length) => Length = length;

    public void Set(ReadOnlySpan<char> text)
    {
        Length = 0;
        Append(text);
    }

    public override string ToString() => new(_chars, 0, Length);

    private void GrowAndAppend(char c)
    {
        Grow(1);
        _chars[Length++] = c;
    }

    private void Grow(int extra)
    {
        var size = Math.Max(_chars.Length * 2, Length + extra);
        Array.Resize(ref _chars, size);
    }
}
