using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Sources;

namespace NeedToKnow.Core.Audit;

/// <summary>
/// One completion for a whole group commit: every append in the batch awaits the same source, its token being its
/// position in the batch, so an append allocates no completion of its own (the result is <c>First + token</c>).
/// Continuations run on the thread pool, in chunks, never on the writer; captured execution and scheduling contexts
/// are honoured as <see cref="System.Threading.Tasks.Sources.ManualResetValueTaskSourceCore{TResult}"/> does.
/// </summary>
internal sealed class AuditBatchCompletion : IValueTaskSource<AuditAppendResult>
{
    /// <summary>The most positions a token can name: appends of one batch.</summary>
    public const int MaxPositions = short.MaxValue;

    private const int ContinuationsPerWorkItem = 64;
    private static readonly Action<object?> RunWaiter = static s => ((Waiter)s!).Invoke();
    private static readonly SendOrPostCallback PostWaiter = static s => ((Waiter)s!).Invoke();
    private readonly Lock _lock = new();
    private Segment? _first;
    private Segment? _last;
    private List<Waiter>? _contextual;
    private TaskCompletionSource? _task;
    private volatile bool _done;
    private ExceptionDispatchInfo? _error;

    public AuditBatchCompletion(AuditLeafBatch leaves) => Leaves = leaves;

    public AuditLeafBatch Leaves { get; }

    /// <summary>A task for waits that can be cancelled (created on first use).</summary>
    public Task Task
    {
        get
        {
            lock (_lock)
            {
                if (_task is null)
                {
                    _task = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    if (_done)
                    {
                        Finish(_task);
                    }
                }

                return _task.Task;
            }
        }
    }

    public AuditAppendResult Result(int position)
    {
        _error?.Throw();
        return new AuditAppendResult(AuditAppendStatus.Appended, Leaves.FirstIndex + position, TimeSpan.Zero);
    }

    public AuditAppendResult GetResult(short token) => Result(token);

    public ValueTaskSourceStatus GetStatus(short token) =>
        !_done ? ValueTaskSourceStatus.Pending : _error is null ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Faulted;

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ExecutionContext? context = (flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0 ? ExecutionContext.Capture() : null;
        object? scheduler = null;
        if ((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0)
        {
            var sc = SynchronizationContext.Current;
            if (sc is not null && sc.GetType() != typeof(SynchronizationContext))
            {
                scheduler = sc;
            }
            else if (TaskScheduler.Current != TaskScheduler.Default)
            {
                scheduler = TaskScheduler.Current;
            }
        }

        lock (_lock)
        {
            if (!_done)
            {
                if (context is null && scheduler is null)
                {
                    if (_last is null || _last.Count == ContinuationsPerWorkItem)
                    {
                        var segment = new Segment();
                        if (_last is null)
                        {
                            _first = segment;
                        }
                        else
                        {
                            _last.Next = segment;
                        }

                        _last = segment;
                    }

                    _last.Continuations[_last.Count] = continuation;
                    _last.States[_last.Count++] = state;
                }
                else
                {
                    (_contextual ??= []).Add(new Waiter(continuation, state, context, scheduler));
                }

                return;
            }
        }

        Dispatch(new Waiter(continuation, state, context, scheduler));
    }

    /// <summary>Completes every append of the batch, with its index or with <paramref name="error"/>.</summary>
    public void Complete(Exception? error)
    {
        Segment? plain;
        List<Waiter>? contextual;
        TaskCompletionSource? task;
        lock (_lock)
        {
            _error = error is null ? null : ExceptionDispatchInfo.Capture(error);
            _done = true;
            plain = _first;
            contextual = _contextual;
            task = _task;
            _first = null;
            _last = null;
            _contextual = null;
        }

        if (task is not null)
        {
            Finish(task);
        }

        for (var segment = plain; segment is not null;)
        {
            var next = segment.Next;
            ThreadPool.UnsafeQueueUserWorkItem(segment, preferLocal: false);
            segment = next;
        }

        if (contextual is not null)
        {
            foreach (var waiter in contextual)
            {
                Dispatch(waiter);
            }
        }
    }

    private void Finish(TaskCompletionSource task)
    {
        if (_error is null)
        {
            task.TrySetResult();
        }
        else
        {
            task.TrySetException(_error.SourceException);
        }
    }

    private static void Dispatch(Waiter waiter)
    {
        switch (waiter.Scheduler)
        {
            case SynchronizationContext sc:
                sc.Post(PostWaiter, waiter);
                break;
            case TaskScheduler ts:
                _ = System.Threading.Tasks.Task.Factory.StartNew(RunWaiter, waiter, CancellationToken.None, TaskCreationOptions.DenyChildAttach, ts);
                break;
            default:
                ThreadPool.UnsafeQueueUserWorkItem(RunWaiter, waiter, preferLocal: false);
                break;
        }
    }

    private sealed class Waiter(Action<object?> continuation, object? state, ExecutionContext? context, object? scheduler)
    {
        public object? Scheduler { get; } = scheduler;

        public void Invoke()
        {
            if (context is null)
            {
                continuation(state);
            }
            else
            {
                ExecutionContext.Run(context, static s => ((Waiter)s!).InvokeBare(), this);
            }
        }

        private void InvokeBare() => continuation(state);
    }

    /// <summary>Up to 64 continuations, run one after the other as one thread-pool work item.</summary>
    private sealed class Segment : IThreadPoolWorkItem
    {
        public Action<object?>[] Continuations { get; } = new Action<object?>[ContinuationsPerWorkItem];

        public object?[] States { get; } = new object?[ContinuationsPerWorkItem];

        public int Count { get; set; }

        public Segment? Next { get; set; }

        public void Execute()
        {
            for (var i = 0; i < Count; i++)
            {
                Continuations[i](States[i]);
            }
        }
    }
}
