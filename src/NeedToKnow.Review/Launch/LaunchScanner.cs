using Acornima;
using Acornima.Ast;

namespace NeedToKnow.Review.Launch;

/// <summary>
/// Finds the code that runs at launch before any user action: the <c>onLaunch</c> handler of <c>App({...})</c> in
/// app.js, and the <c>onLoad</c> handler of <c>Page({...})</c> / <c>Component({...})</c> in the entry page. A privacy
/// API inside those ranges (callbacks included) is collected at launch.
/// </summary>
/// <remarks>
/// Rule source: WeChat operation rules, user-privacy chapter ("no requesting permissions or personal information
/// before the user triggers the feature that needs it"); https://developers.weixin.qq.com/miniprogram/dev/reference/api/App.html
/// and Page.html for the life-cycle handlers. Calls made through other functions that the handler calls are not
/// followed: the rule is syntactic.
/// </remarks>
internal static class LaunchScanner
{
    /// <summary>The [start, end) UTF-16 offsets of the launch handlers in <paramref name="source"/>; empty when it does not parse.</summary>
    /// <param name="source">A JavaScript file.</param>
    /// <param name="constructor"><c>App</c> for app.js, <c>Page</c> for the entry page (which also accepts <c>Component</c>).</param>
    /// <param name="handler"><c>onLaunch</c> or <c>onLoad</c>.</param>
    public static List<(int Start, int End)> Ranges(string source, string constructor, string handler)
    {
        var ranges = new List<(int, int)>();
        Program? program = null;
        var parser = new Parser(new ParserOptions { EcmaVersion = EcmaVersion.Latest, Tolerant = true, AllowReturnOutsideFunction = true });
        try
        {
            program = parser.ParseModule(source);
        }
        catch (Exception e) when (e is ParseErrorException or InsufficientExecutionStackException)
        {
            try
            {
                program = parser.ParseScript(source);
            }
            catch (Exception e2) when (e2 is ParseErrorException or InsufficientExecutionStackException)
            {
                return ranges;
            }
        }

        var stack = new Stack<Node>();
        stack.Push(program);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is CallExpression { Callee: Identifier callee } call
                && (callee.Name == constructor || (constructor == "Page" && callee.Name == "Component"))
                && call.Arguments.Count > 0
                && call.Arguments[0] is ObjectExpression options)
            {
                AddHandler(options, handler, ranges);
                if (callee.Name == "Component" && Property(options, "methods") is ObjectExpression methods)
                {
                    AddHandler(methods, handler, ranges);
                }

                continue;
            }

            foreach (var child in node.ChildNodes)
            {
                stack.Push(child);
            }
        }

        ranges.Sort();
        return ranges;
    }

    private static void AddHandler(ObjectExpression options, string handler, List<(int, int)> ranges)
    {
        if (Property(options, handler) is { } value && value.Type is NodeType.FunctionExpression or NodeType.ArrowFunctionExpression)
        {
            ranges.Add((value.Start, value.End));
        }
    }

    private static Node? Property(ObjectExpression options, string name)
    {
        foreach (var p in options.Properties)
        {
            if (p is ObjectProperty property
                && ((!property.Computed && property.Key is Identifier id && id.Name == name) || (property.Key is StringLiteral s && s.Value == name)))
            {
                return property.Value;
            }
        }

        return null;
    }
}
