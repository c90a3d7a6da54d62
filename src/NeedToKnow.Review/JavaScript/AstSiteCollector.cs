using Acornima;
using Acornima.Ast;
using NeedToKnow.Review.Sites;

namespace NeedToKnow.Review.JavaScript;

/// <summary>
/// Collects privacy sites from an Acornima parse in one pass: <see cref="OnNode"/> runs as each node is finished
/// (STYLE.md H11: no second walk), records member accesses whose name can matter, the bindings that can make an alias
/// of a platform global or a context object, and constant strings. <see cref="Collect"/> then resolves the recorded
/// candidates against those bindings, so a use may come before the alias it goes through (hoisting, methods in any
/// order).
/// </summary>
/// <remarks>
/// Counting rules: ../shared/corpus/README.md, "Counting rules". Per-node facts live in <see cref="Node.UserData"/>:
/// a member expression that is a callee holds its <see cref="CallExpression"/>, an assignment target holds
/// <see cref="AssignmentTarget"/>. Name resolution is per file, not per lexical scope: a local named like an alias of
/// <c>wx</c> elsewhere in the file counts as that alias (the corpus labels found no shadowing of <c>wx</c>).
/// </remarks>
internal sealed partial class AstSiteCollector
{
    // Marks a member expression that is written to (wx.getLocation = ...), which is not a use.
    private static readonly object AssignmentTarget = new();

    // Identifiers whose members are the global object's properties.
    private static readonly HashSet<string> GlobalObjects = new(StringComparer.Ordinal) { "globalThis", "window", "global", "self" };

    private const int MaxResolveDepth = 32;

    private readonly JavaScriptApiTable _table;

    // name or member path ("this.mapCtx") -> the expressions assigned to it (a Node, or a List<Node> when several)
    private readonly Dictionary<string, object> _bindings = new(StringComparer.Ordinal);
    private readonly List<(MemberExpression Target, Expression Value)> _memberAssignments = [];
    private readonly HashSet<string> _thisAliases = new(StringComparer.Ordinal);

    // const name -> its initializer, or null when the name is declared more than once
    private readonly Dictionary<string, Expression?> _constants = new(StringComparer.Ordinal);
    private readonly List<MemberExpression> _candidates = [];
    private readonly List<(ObjectPattern Pattern, Expression Source)> _patterns = [];
    private readonly Dictionary<string, JsValue> _resolved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);

    // Platform names declared in the file (var tt = n(197) in minified code), with their initializers.
    private readonly List<(string Name, Expression? Init)> _platformDeclarations = [];
    private readonly HashSet<string> _shadowed = new(StringComparer.Ordinal);

    public AstSiteCollector(JavaScriptApiTable table)
    {
        _table = table;
        Handler = OnNode;
    }

    /// <summary>The callback to put in <see cref="ParserOptions.OnNode"/>.</summary>
    public OnNodeHandler Handler { get; }

    /// <summary>Forgets everything recorded (before each parse attempt).</summary>
    public void Reset()
    {
        _bindings.Clear();
        _memberAssignments.Clear();
        _thisAliases.Clear();
        _constants.Clear();
        _candidates.Clear();
        _patterns.Clear();
        _resolved.Clear();
        _resolving.Clear();
        _platformDeclarations.Clear();
        _shadowed.Clear();
    }

    private void OnNode(Node node, in OnNodeContext context)
    {
        switch (node.Type)
        {
            case NodeType.MemberExpression:
                var member = (MemberExpression)node;
                if (member.Computed ? MayFold(member.Property) : member.Property is Identifier id && _table.IsMemberOfInterest(id.Name))
                {
                    _candidates.Add(member);
                }

                break;
            case NodeType.CallExpression:
                if (((CallExpression)node).Callee is MemberExpression callee)
                {
                    callee.UserData = node;
                }

                break;
            case NodeType.VariableDeclaration:
                var declaration = (VariableDeclaration)node;
                var isConst = declaration.Kind == VariableDeclarationKind.Const;
                foreach (var declarator in declaration.Declarations)
                {
                    if (declarator.Id is Identifier declared && _table.IsPlatform(declared.Name))
                    {
                        _platformDeclarations.Add((declared.Name, declarator.Init));
                    }

                    Bind(declarator.Id, declarator.Init, isConst);
                }

                break;
            case NodeType.FunctionDeclaration or NodeType.ClassDeclaration:
                var declaredName = node is FunctionDeclaration function ? function.Id : ((ClassDeclaration)node).Id;
                if (declaredName is not null && _table.IsPlatform(declaredName.Name))
                {
                    _platformDeclarations.Add((declaredName.Name, null));
                }

                break;
            case NodeType.AssignmentExpression:
                var assignment = (AssignmentExpression)node;
                if (assignment.Operator == Operator.Assignment && assignment.Left is MemberExpression target)
                {
                    target.UserData = AssignmentTarget;
                }

                if (assignment.Operator is Operator.Assignment or Operator.LogicalOrAssignment or Operator.NullishCoalescingAssignment or Operator.LogicalAndAssignment)
                {
                    Bind(assignment.Left, assignment.Right, isConst: false);
                }

                break;
            case NodeType.AssignmentPattern:
                var pattern = (AssignmentPattern)node;
                Bind(pattern.Left, pattern.Right, isConst: false);
                break;
        }
    }

    private void Bind(Node target, Expression? value, bool isConst)
    {
        if (value is null)
        {
            return;
        }

        switch (target)
        {
            case Identifier id:
                if (value.Type == NodeType.ThisExpression)
                {
                    _thisAliases.Add(id.Name);
                    return;
                }

                if (isConst && MayFold(value))
                {
                    _constants[id.Name] = _constants.ContainsKey(id.Name) ? null : value;
                }

                if (MayBePlatformValue(value, 0))
                {
                    AddBinding(id.Name, value);
                }

                break;
            case MemberExpression member:
                if (MayBePlatformValue(value, 0))
                {
                    _memberAssignments.Add((member, value));
                }

                break;
            case ObjectPattern objectPattern:
                if (MayBePlatformValue(value, 0))
                {
                    _patterns.Add((objectPattern, value));
                }

                break;
        }
    }

    private void AddBinding(string key, Node value)
    {
        if (!_bindings.TryGetValue(key, out var existing))
        {
            _bindings.Add(key, value);
        }
        else if (existing is List<Node> list)
        {
            if (list.Count < 64)
            {
                list.Add(value);
            }
        }
        else
        {
            _bindings[key] = new List<Node>(2) { (Node)existing, value };
        }
    }

    // A cheap syntactic test: could this expression evaluate to a platform global or a context object?
    private bool MayBePlatformValue(Expression value, int depth)
    {
        if (depth > 8)
        {
            return false;
        }

        switch (value.Type)
        {
            case NodeType.Identifier:
                return true;
            case NodeType.MemberExpression:
                var member = (MemberExpression)value;
                return !member.Computed && member.Object.Type is NodeType.Identifier or NodeType.ThisExpression or NodeType.MemberExpression;
            case NodeType.CallExpression:
                return ((CallExpression)value).Callee is MemberExpression { Computed: false, Property: Identifier name }
                    && _table.TryGetContextType(name.Name, out _);
            case NodeType.ConditionalExpression:
                var conditional = (ConditionalExpression)value;
                return MayBePlatformValue(conditional.Consequent, depth + 1) || MayBePlatformValue(conditional.Alternate, depth + 1);
            case NodeType.LogicalExpression:
                var logical = (LogicalExpression)value;
                return MayBePlatformValue(logical.Left, depth + 1) || MayBePlatformValue(logical.Right, depth + 1);
            case NodeType.SequenceExpression:
                var sequence = (SequenceExpression)value;
                return sequence.Expressions.Count > 0 && MayBePlatformValue(sequence.Expressions[^1], depth + 1);
            case NodeType.AssignmentExpression:
                return MayBePlatformValue(((AssignmentExpression)value).Right, depth + 1);
            case NodeType.AwaitExpression:
                return MayBePlatformValue(((AwaitExpression)value).Argument, depth + 1);
            case NodeType.ChainExpression:
                return MayBePlatformValue(((ChainExpression)value).Expression, depth + 1);
            default:
                return false;
        }
    }

    // A cheap syntactic test: could this expression fold to a constant string?
    private static bool MayFold(Expression expression) =>
        expression.Type switch
        {
            NodeType.Literal => expression is StringLiteral,
            NodeType.TemplateLiteral => ((TemplateLiteral)expression).Expressions.Count == 0,
            NodeType.BinaryExpression => ((BinaryExpression)expression).Operator == Operator.Addition,
            NodeType.Identifier => true,
            _ => false,
        };
}
