using Acornima;
using Acornima.Ast;
using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.JavaScript;

internal sealed partial class AstSiteCollector
{
    /// <summary>Resolves the recorded candidates and adds their sites.</summary>
    public void Collect(SiteBuilder sites)
    {
        // A platform name declared as a local (minified `var tt = n(197)`, `function my() {}`) is not the platform
        // global in this file, unless the declaration makes it one (`var wx = wx || {}`) or loads a wrapper module
        // (`const wx = require('./wx-promise')`), whose members still reach the platform's APIs.
        foreach (var (name, init) in _platformDeclarations)
        {
            if (init is null || (Resolve(init, 0).Kind != JsValueKind.Platform && !IsRequireCall(init)))
            {
                _shadowed.Add(name);
            }
        }

        _resolved.Clear();
        foreach (var (target, value) in _memberAssignments)
        {
            var key = PathKey(target, 0);
            if (key is not null)
            {
                AddBinding(key, value);
            }
        }

        foreach (var member in _candidates)
        {
            if (ReferenceEquals(member.UserData, AssignmentTarget))
            {
                continue;
            }

            var name = PropertyName(member);
            if (name is null || !_table.IsMemberOfInterest(name))
            {
                continue;
            }

            var value = Resolve(member.Object, 0);
            var call = member.UserData as CallExpression;
            var kind = call is null ? SiteKind.Reference : SiteKind.Call;
            if (value.Kind == JsValueKind.Platform)
            {
                // The corpus labels put platform sites at the start of the member expression (the `wx` of `wx.getLocation`).
                ref readonly var start = ref member.LocationRef.Start;
                if (_table.TryGetFunction(value.Name, name, out var binding))
                {
                    sites.Add(binding, start.Line, start.Column, kind);
                }
                else if (call is not null && _table.IsAuthorize(value.Name, name))
                {
                    var scope = ScopeArgument(call);
                    if (scope is not null && _table.TryGetAuthorize(value.Name, name, scope, out var authorize))
                    {
                        sites.Add(authorize, start.Line, start.Column, SiteKind.Authorize, scope);
                    }
                }
            }
            else if (value.Kind == JsValueKind.Context && _table.TryGetContextMethod(value.Name, name, out var method))
            {
                // Context methods are labelled at the method name (`this.mapCtx.moveToLocation()` points at `moveToLocation`).
                ref readonly var start = ref member.Property.LocationRef.Start;
                sites.Add(method, start.Line, start.Column, kind);
            }
        }

        foreach (var (pattern, source) in _patterns)
        {
            var value = Resolve(source, 0);
            if (value.Kind == JsValueKind.None)
            {
                continue;
            }

            foreach (var node in pattern.Properties)
            {
                if (node is not AssignmentProperty property)
                {
                    continue;
                }

                var name = property.Computed ? Fold(property.Key, 0) : property.Key is Identifier id ? id.Name : Fold(property.Key, 0);
                if (name is null)
                {
                    continue;
                }

                ref readonly var start = ref property.Key.LocationRef.Start;
                if (value.Kind == JsValueKind.Platform && _table.TryGetFunction(value.Name, name, out var binding))
                {
                    sites.Add(binding, start.Line, start.Column, SiteKind.Reference);
                }
                else if (value.Kind == JsValueKind.Context && _table.TryGetContextMethod(value.Name, name, out var method))
                {
                    sites.Add(method, start.Line, start.Column, SiteKind.Reference);
                }
            }
        }
    }

    private JsValue Resolve(Expression expression, int depth)
    {
        if (depth > MaxResolveDepth)
        {
            return default;
        }

        switch (expression.Type)
        {
            case NodeType.Identifier:
                var name = ((Identifier)expression).Name;
                return _table.IsPlatform(name) && !_shadowed.Contains(name) ? new JsValue(JsValueKind.Platform, name) : ResolveKey(name, depth);
            case NodeType.MemberExpression:
                var member = (MemberExpression)expression;
                if (!member.Computed && member.Object is Identifier global && GlobalObjects.Contains(global.Name)
                    && member.Property is Identifier platform && _table.IsPlatform(platform.Name))
                {
                    return new JsValue(JsValueKind.Platform, platform.Name);
                }

                var key = PathKey(member, 0);
                return key is null ? default : ResolveKey(key, depth);
            case NodeType.CallExpression:
                if (((CallExpression)expression).Callee is MemberExpression factory)
                {
                    var factoryName = PropertyName(factory);
                    if (factoryName is not null && _table.TryGetContextType(factoryName, out var contextType)
                        && Resolve(factory.Object, depth + 1).Kind == JsValueKind.Platform)
                    {
                        return new JsValue(JsValueKind.Context, contextType);
                    }
                }

                return default;
            case NodeType.ConditionalExpression:
                var conditional = (ConditionalExpression)expression;
                return Either(Resolve(conditional.Consequent, depth + 1), conditional.Alternate, depth);
            case NodeType.LogicalExpression:
                var logical = (LogicalExpression)expression;
                return logical.Operator == Operator.LogicalAnd
                    ? Either(Resolve(logical.Right, depth + 1), logical.Left, depth)
                    : Either(Resolve(logical.Left, depth + 1), logical.Right, depth);
            case NodeType.SequenceExpression:
                var sequence = (SequenceExpression)expression;
                return sequence.Expressions.Count == 0 ? default : Resolve(sequence.Expressions[^1], depth + 1);
            case NodeType.AssignmentExpression:
                return Resolve(((AssignmentExpression)expression).Right, depth + 1);
            case NodeType.AwaitExpression:
                return Resolve(((AwaitExpression)expression).Argument, depth + 1);
            case NodeType.ChainExpression:
                return Resolve(((ChainExpression)expression).Expression, depth + 1);
            default:
                return default;
        }
    }

    private static bool IsRequireCall(Expression expression) =>
        expression is CallExpression { Callee: Identifier { Name: "require" } } || expression is ImportExpression
        || (expression is AwaitExpression { Argument: ImportExpression });

    private JsValue Either(JsValue first, Expression second, int depth) =>
        first.Kind != JsValueKind.None ? first : Resolve(second, depth + 1);

    private JsValue ResolveKey(string key, int depth)
    {
        if (_resolved.TryGetValue(key, out var known))
        {
            return known;
        }

        if (!_bindings.TryGetValue(key, out var values) || !_resolving.Add(key))
        {
            return default;
        }

        JsValue result = default;
        if (values is List<Node> list)
        {
            foreach (var value in list)
            {
                result = Resolve((Expression)value, depth + 1);
                if (result.Kind != JsValueKind.None)
                {
                    break;
                }
            }
        }
        else
        {
            result = Resolve((Expression)values, depth + 1);
        }

        _resolving.Remove(key);
        _resolved[key] = result;
        return result;
    }

    // "this.mapCtx" for this.mapCtx and for that.mapCtx when `that = this`; "a.b.c" for identifier chains.
    private string? PathKey(MemberExpression member, int depth)
    {
        if (depth > 4)
        {
            return null;
        }

        var name = member.Computed ? Fold(member.Property, 0) : (member.Property as Identifier)?.Name;
        if (name is null)
        {
            return null;
        }

        string? head = member.Object switch
        {
            ThisExpression => "this",
            Identifier id => _thisAliases.Contains(id.Name) ? "this" : id.Name,
            MemberExpression inner => PathKey(inner, depth + 1),
            _ => null,
        };
        return head is null ? null : string.Concat(head, ".", name);
    }

    private string? PropertyName(MemberExpression member) =>
        member.Computed ? Fold(member.Property, 0) : (member.Property as Identifier)?.Name;

    // The literal `scope` of authorize({scope: 'scope.X'}), folded; null when it is not a constant.
    private string? ScopeArgument(CallExpression call)
    {
        if (call.Arguments.Count == 0 || call.Arguments[0] is not ObjectExpression options)
        {
            return null;
        }

        foreach (var node in options.Properties)
        {
            if (node is not ObjectProperty property)
            {
                continue;
            }

            var key = property.Computed ? Fold(property.Key, 0) : property.Key is Identifier id ? id.Name : Fold(property.Key, 0);
            if (key == "scope" && property.Value is Expression value)
            {
                return Fold(value, 0);
            }
        }

        return null;
    }

    // Constant folding of string expressions: 'get' + 'Location', `getLocation`, and const names bound to those.
    private string? Fold(Expression expression, int depth)
    {
        if (depth > MaxResolveDepth)
        {
            return null;
        }

        switch (expression.Type)
        {
            case NodeType.Literal:
                return (expression as StringLiteral)?.Value;
            case NodeType.TemplateLiteral:
                var template = (TemplateLiteral)expression;
                return template.Expressions.Count == 0 && template.Quasis.Count == 1 ? template.Quasis[0].Value.Cooked : null;
            case NodeType.BinaryExpression:
                var binary = (BinaryExpression)expression;
                if (binary.Operator != Operator.Addition)
                {
                    return null;
                }

                var left = Fold(binary.Left, depth + 1);
                if (left is null)
                {
                    return null;
                }

                var right = Fold(binary.Right, depth + 1);
                return right is null ? null : string.Concat(left, right);
            case NodeType.Identifier:
                return _constants.TryGetValue(((Identifier)expression).Name, out var bound) && bound is not null && !ReferenceEquals(bound, expression)
                    ? Fold(bound, depth + 1)
                    : null;
            default:
                return null;
        }
    }

    private enum JsValueKind : byte
    {
        None,
        Platform,
        Context,
    }

    // What an expression evaluates to, as far as privacy APIs go: a platform global (wx) or a context (MapContext).
    private readonly record struct JsValue(JsValueKind Kind, string Name);
}
