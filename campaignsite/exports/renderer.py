"""The press kit's SVG renderer as a process of its own, under limits it sets itself before it reads
the picture: processor time (RLIMIT_CPU) and memory (RLIMIT_AS). exports/presskit.py runs it as
`python -P renderer.py OPTIONS < picture.svg > picture.png` and tells a breach from its exit.

A script, not a module of the package: it imports resvg and the standard library only, so it starts
in a few hundredths of a second, and a crash of the renderer (resvg overflows its stack on some
inputs) ends this process, never the build.
"""

from __future__ import annotations

import json
import resource
import sys

OUT_OF_MEMORY = 3  # the exit status when the renderer ran out of the memory it may use
UNRENDERABLE = 4  # resvg refused the picture; its reason is on stderr


def limit(kind: int, value: int) -> None:
    """Lower a resource limit to `value` (never above a limit the build itself runs under)."""
    _soft, hard = resource.getrlimit(kind)
    value = value if hard == resource.RLIM_INFINITY else min(value, hard)
    resource.setrlimit(kind, (value, value if kind != resource.RLIMIT_CPU or value == hard else value + 1))


def main() -> int:
    options = json.loads(sys.argv[1])
    # Processor time, not the clock's: a busy machine does not make a picture fail. At the soft
    # limit the kernel sends SIGXCPU, one second later SIGKILL; no core file is written either way.
    limit(resource.RLIMIT_CORE, 0)
    limit(resource.RLIMIT_CPU, options.pop("seconds"))
    limit(resource.RLIMIT_AS, options.pop("memory"))
    try:
        import resvg_py

        svg = sys.stdin.buffer.read().decode("utf-8")
        png = bytes(resvg_py.svg_to_bytes(svg_string=svg, **options))
    except MemoryError:
        return OUT_OF_MEMORY
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return UNRENDERABLE
    sys.stdout.buffer.write(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
