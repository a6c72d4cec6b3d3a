"""Running nkus on a real pseudo-terminal, as a user's shell does: what it shows, escapes and all."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios


def in_terminal(args: list[str], env: dict[str, str], columns: int | None = None, errors: bool = True) -> str:
    """What `args` write to a terminal (`columns` wide when given, so the program finds its width
    itself), with their stderr too when `errors`. Fails if the program does not end well."""
    leader, follower = pty.openpty()
    if columns is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    stderr = follower if errors else subprocess.DEVNULL
    proc = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=stderr, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not data:
            break
        chunks.append(data)
    status = proc.wait(timeout=120)
    os.close(leader)
    assert status == 0, (args, status)
    return b"".join(chunks).decode("utf-8", "replace")
