"""Run as a script by notes2book.children: `python -I -S guard.py PARENT_PID COMMAND...`.

It asks the kernel to be sent SIGTERM when its parent dies (PR_SET_PDEATHSIG, Linux), runs the
command in its own process group (the session notes2book.children started), and on SIGTERM kills
that whole group, itself included. The kernel tells only a direct child of the dying process;
the guard passes the news on to everything the command started. Standard library only, since it
runs without site-packages, for a fast start from any folder.
"""

import contextlib
import ctypes
import os
import signal
import subprocess
import sys

_PR_SET_PDEATHSIG = 1


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: os.killpg(0, signal.SIGKILL))
    # Not Linux: interruptions and time limits still end the group, a SIGKILL does not.
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != int(sys.argv[1]):
        os.killpg(0, signal.SIGKILL)  # the parent died before the request was made
    try:
        command = subprocess.Popen(sys.argv[2:])
    except OSError as error:
        print(f"cannot run {sys.argv[2]}: {error}", file=sys.stderr)
        return 127
    code = command.wait()
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main())
