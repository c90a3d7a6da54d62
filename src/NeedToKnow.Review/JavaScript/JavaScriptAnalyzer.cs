using Acornima;
using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.JavaScript;

/// <summary>
/// Finds the privacy API sites in one JavaScript file (or one <c>&lt;wxs&gt;</c> body): parses it once with Acornima,
/// as a module and then as a script, collecting sites during the parse; a file that parses neither way (TypeScript,
/// syntax errors, nesting deeper than the stack allows) is read by a token scan whose sites have low confidence.
/// </summary>
/// <remarks>
/// Counting rules: ../shared/corpus/README.md ("Counting rules"); names come only from the catalog through
/// <see cref="JavaScriptApiTable"/>. Thread-safe: each thread gets its own parser and collector.
/// </remarks>
internal sealed class JavaScriptAnalyzer
{
    /// <summary>Default limit on the length of one analyzed text, in UTF-16 code units (32 Mi).</summary>
    public const int DefaultMaxSourceLength = 32 * 1024 * 1024;

    private readonly JavaScriptApiTable _table;
    private readonly ThreadLocal<Session> _sessions;
    private readonly PlatformScreen? _screen;

    /// <summary>Creates an analyzer over a table of the catalog's bindings.</summary>
    /// <param name="table">The bindings; <see cref="JavaScriptApiTable.Default"/> for the built-in catalog.</param>
    /// <param name="maxSourceLength">Longer texts are skipped (and counted as skipped), in UTF-16 code units.</param>
    /// <param name="screen">
    /// Whether to leave unparsed the texts that <see cref="PlatformScreen"/> shows cannot hold a site (counted as
    /// screened). Off, every text is parsed, and syntax errors are reported for all of them.
    /// </param>
    public JavaScriptAnalyzer(JavaScriptApiTable table, int maxSourceLength = DefaultMaxSourceLength, bool screen = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSourceLength);
        _table = table;
        MaxSourceLength = maxSourceLength;
        _sessions = new ThreadLocal<Session>(() => new Session(table));
        _screen = screen ? new PlatformScreen(table) : null;
    }

    /// <summary>The limit on one text's length, in UTF-16 code units.</summary>
    public int MaxSourceLength { get; }

    /// <summary>Counts of files by how they were read, over every call of this analyzer.</summary>
    public JavaScriptAnalysisCounters Counters { get; } = new();

    /// <summary>Analyzes one file.</summary>
    /// <param name="source">The file's text (a leading BOM is ignored; columns count after it).</param>
    /// <param name="file">The file's path relative to the app root, <c>/</c> separators; it goes into each site.</param>
    /// <param name="party">Whose code the file is (<see cref="PartyClassifier"/>).</param>
    /// <returns>The sites, and how the file was read.</returns>
    public JavaScriptFileResult Analyze(string source, string file, string party) =>
        Analyze(source, file, party, SourceOrigin.FileStart);

    /// <summary>Analyzes a text that starts at <paramref name="origin"/> in <paramref name="file"/> (a <c>&lt;wxs&gt;</c> body).</summary>
    /// <param name="source">The text.</param>
    /// <param name="file">The file's path relative to the app root, <c>/</c> separators.</param>
    /// <param name="party">Whose code the file is.</param>
    /// <param name="origin">Where the text's first character is in the file; site positions are shifted by it.</param>
    /// <returns>The sites, and how the text was read.</returns>
    public JavaScriptFileResult Analyze(string source, string file, string party, SourceOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(party);
        if (file.EndsWith(".d.ts", StringComparison.OrdinalIgnoreCase))
        {
            return Done(JavaScriptParseMode.Skipped, source.Length, [], null);
        }

        if (source.Length > MaxSourceLength)
        {
            return Done(JavaScriptParseMode.Skipped, source.Length, [], new JavaScriptParseProblem(
                $"file is over the size limit: {source.Length} characters, limit {MaxSourceLength}", 0, 0));
        }

        if (_screen is not null && !_screen.MayHaveSites(source))
        {
            return Done(JavaScriptParseMode.Screened, source.Length, [], null);
        }

        var text = source.Length > 0 && source[0] == '\uFEFF' ? source[1..] : source;
        var session = _sessions.Value!;
        var sites = new List<PrivacySite>();
        var mode = session.TryParse(text, out var problem);
        if (mode is JavaScriptParseMode.Module or JavaScriptParseMode.Script)
        {
            session.Collector.Collect(new SiteBuilder(sites, file, party, origin, SiteConfidence.High));
            session.Collector.Reset();
        }
        else
        {
            session.Collector.Reset();
            TokenSiteScanner.Scan(_table, text, new SiteBuilder(sites, file, party, origin, SiteConfidence.Low));
            if (problem is not null && problem.Line > 0)
            {
                problem = problem with
                {
                    Line = problem.Line + origin.Line - 1,
                    Column = problem.Column + (problem.Line == 1 ? origin.Column - 1 : 0),
                };
            }
        }

        return Done(mode, source.Length, sites, problem);
    }

    private JavaScriptFileResult Done(JavaScriptParseMode mode, int length, List<PrivacySite> sites, JavaScriptParseProblem? problem)
    {
        Counters.Add(mode, length);
        if (sites.Count > 1)
        {
            sites.Sort(static (a, b) =>
            {
                var c = a.Line.CompareTo(b.Line);
                if (c == 0)
                {
                    c = a.Column.CompareTo(b.Column);
                }

                return c != 0 ? c : string.CompareOrdinal(a.Api, b.Api);
            });
            var write = 1;
            for (var read = 1; read < sites.Count; read++)
            {
                if (sites[read] != sites[write - 1])
                {
                    sites[write++] = sites[read];
                }
            }

            sites.RemoveRange(write, sites.Count - write);
        }

        return new JavaScriptFileResult(sites, mode, problem);
    }

    // One thread's parser and collector; the parser's OnNode callback feeds the collector.
    private sealed class Session
    {
        private readonly Parser _parser;

        public Session(JavaScriptApiTable table)
        {
            Collector = new AstSiteCollector(table);
            _parser = new Parser(new ParserOptions
            {
                EcmaVersion = EcmaVersion.Latest,
                Tolerant = true,
                AllowReturnOutsideFunction = true,
                AllowImportExportEverywhere = true,
                AllowAwaitOutsideFunction = true,
                AllowNewTargetOutsideFunction = true,
                AllowSuperOutsideMethod = true,
                AllowHashBang = true,
                OnNode = Collector.Handler,
            });
        }

        public AstSiteCollector Collector { get; }

        public JavaScriptParseMode TryParse(string text, out JavaScriptParseProblem? problem)
        {
            problem = null;
            ParseErrorException? moduleError;
            try
            {
                _parser.ParseModule(text);
                return JavaScriptParseMode.Module;
            }
            catch (ParseErrorException e)
            {
                moduleError = e;
            }
            catch (InsufficientExecutionStackException)
            {
                problem = TooDeep;
                return JavaScriptParseMode.TokenScan;
            }

            Collector.Reset();
            try
            {
                _parser.ParseScript(text);
                return JavaScriptParseMode.Script;
            }
            catch (ParseErrorException e)
            {
                // Report the error the parser reached furthest into the file: the likelier real one.
                var error = e.LineNumber > moduleError.LineNumber || (e.LineNumber == moduleError.LineNumber && e.Column >= moduleError.Column) ? e : moduleError;
                problem = new JavaScriptParseProblem(Describe(error.Description), error.LineNumber, error.Column + 1);
                return JavaScriptParseMode.TokenScan;
            }
            catch (InsufficientExecutionStackException)
            {
                problem = TooDeep;
                return JavaScriptParseMode.TokenScan;
            }
        }

        private static JavaScriptParseProblem TooDeep => new("nesting too deep to parse", 0, 0);

        private static string Describe(string description)
        {
            var message = description.TrimEnd('.');
            return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "syntax error";
        }
    }
}
