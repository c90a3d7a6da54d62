namespace NeedToKnow.Links.Url;

/// <summary>The setters of the URL API (https://url.spec.whatwg.org/#urlutils-members), as copy-on-write methods.</summary>
public sealed partial class WhatwgUrl
{
    /// <summary>
    /// True when the URL cannot have a username, password or port: its host is null or empty, or its scheme is
    /// <c>file</c> (https://url.spec.whatwg.org/#cannot-have-a-username-password-port).
    /// </summary>
    public bool CannotHaveUsernamePasswordPort => _hostKind is UrlHostKind.None or UrlHostKind.Empty || _schemeKind == SchemeKind.File;

    /// <summary>The href setter (https://url.spec.whatwg.org/#dom-url-href): parses <paramref name="value"/> as a new URL.</summary>
    /// <param name="value">The new serialization.</param>
    /// <returns>The new URL, or the parse failure (the JavaScript setter throws a TypeError then).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public UrlParseResult WithHref(string value) => Parse(value);

    /// <summary>The protocol setter (https://url.spec.whatwg.org/#dom-url-protocol).</summary>
    /// <param name="value">The new scheme, with or without the trailing <c>:</c>.</param>
    /// <returns>The new URL, or this one when the spec leaves it unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public WhatwgUrl WithProtocol(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return UrlParser.RunSetter(this, value, UrlParser.State.SchemeStart, appendColon: true);
    }

    /// <summary>The username setter (https://url.spec.whatwg.org/#dom-url-username).</summary>
    /// <param name="value">The new username; it is percent-encoded with the userinfo set.</param>
    /// <returns>The new URL, or this one when it cannot have a username.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public WhatwgUrl WithUsername(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CannotHaveUsernamePasswordPort ? this : UrlParser.SetCredential(this, value, password: false);
    }

    /// <summary>The password setter (https://url.spec.whatwg.org/#dom-url-password).</summary>
    /// <param name="value">The new password; it is percent-encoded with the userinfo set.</param>
    /// <returns>The new URL, or this one when it cannot have a password.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public WhatwgUrl WithPassword(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CannotHaveUsernamePasswordPort ? this : UrlParser.SetCredential(this, value, password: true);
    }

    /// <summary>The host setter (https://url.spec.whatwg.org/#dom-url-host): host and optional port.</summary>
    /// <param name="value">The new host, e.g. <c>example.com:8080</c>.</param>
    /// <returns>The new URL, or this one when the URL has an opaque path or the value is not a valid host.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public WhatwgUrl WithHost(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _opaquePath ? this : UrlParser.RunSetter(this, value, UrlParser.State.Host);
    }

    /// <summary>The hostname setter (https://url.spec.whatwg.org/#dom-url-hostname): the host without a port.</summary>
    /// <param name="value">The new host.</param>
    /// <returns>The new URL, or this one when the URL has an opaque path or the value is not a valid host.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public WhatwgUrl WithHostname(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _opaquePath ? this : UrlParser.RunSetter(this, value, UrlParser.State.Hostname);
    }

    /// <summary>The port setter (https://url.spec.whatwg.org/#dom-url-port).</summary>
    /// <param name="value">Leading decimal digits of the new port (the rest is ignored); empty removes the port.</param>
    /// <returns>The new URL, or this one when it cannot have a port or the value has no valid port.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public WhatwgUrl WithPort(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (CannotHaveUsernamePasswordPort)
        {
            return this;
        }

        return value.Length == 0
            ? UrlParser.RunSetter(this, value, UrlParser.State.None, static r => r.Port = -1)
            : UrlParser.RunSetter(this, value, UrlParser.State.Port);
    }

    /// <summary>The pathname setter (https://url.spec.whatwg.org/#dom-url-pathname).</summary>
    /// <param name="value">The new path.</param>
    /// <returns>The new URL, or this one when the URL has an opaque path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public WhatwgUrl WithPathname(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _opaquePath ? this : UrlParser.RunSetter(this, value, UrlParser.State.PathStart, static r => r.Path.Clear());
    }

    /// <summary>The search setter (https://url.spec.whatwg.org/#dom-url-search).</summary>
    /// <param name="value">The new query, with or without a leading <c>?</c>; empty removes the query.</param>
    /// <returns>The new URL.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public WhatwgUrl WithSearch(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return UrlParser.RunSetter(this, value, UrlParser.State.None, static r =>
            {
                r.HasQuery = false;
                r.Query.Clear();
                UrlParser.StripTrailingSpacesFromOpaquePath(r);
            });
        }

        var input = value[0] == '?' ? value[1..] : value;
        return UrlParser.RunSetter(this, input, UrlParser.State.Query, static r =>
        {
            r.HasQuery = true;
            r.Query.Clear();
        });
    }

    /// <summary>The hash setter (https://url.spec.whatwg.org/#dom-url-hash).</summary>
    /// <param name="value">The new fragment, with or without a leading <c>#</c>; empty removes the fragment.</param>
    /// <returns>The new URL.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public WhatwgUrl WithHash(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return UrlParser.RunSetter(this, value, UrlParser.State.None, static r =>
            {
                r.HasFragment = false;
                r.Fragment.Clear();
                UrlParser.StripTrailingSpacesFromOpaquePath(r);
            });
        }

        var input = value[0] == '#' ? value[1..] : value;
        return UrlParser.RunSetter(this, input, UrlParser.State.Fragment, static r =>
        {
            r.HasFragment = true;
            r.Fragment.Clear();
        });
    }
}
