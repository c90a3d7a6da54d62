using System.Runtime.CompilerServices;

// STYLE.md H8: hot-path code does not pay for zeroing stackalloc'd buffers it always writes before reading.
[module: SkipLocalsInit]
