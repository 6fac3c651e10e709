"""Run a command in a VTE terminal (the widget of GNOME Terminal) and save the window as a PNG.

Usage: screenshot-terminal.py OUT.png COLUMNS ROWS PROMPT COMMAND...
The terminal shows PROMPT as if typed at a shell, then runs COMMAND in the rows below it; once
COMMAND has exited, or its screen has stopped changing (a pager waiting for a key), ImageMagick's
`import` captures the window. Needs an X display (scripts/screenshots.sh starts Xvfb) and
Debian's python3-gi and gir1.2-vte-2.91.
"""
import os
import subprocess
import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
gi.require_version("Vte", "2.91")
from gi.repository import GLib, Gdk, Gtk, Pango, Vte  # noqa: E402

# A dark theme: Tango's palette (GNOME Terminal's default) on a near-black background.
BACKGROUND = "#1d1f21"
FOREGROUND = "#d8dadb"
PALETTE = [
    "#2e3436", "#cc0000", "#4e9a06", "#c4a000", "#3465a4", "#75507b", "#06989a", "#d3d7cf",
    "#555753", "#ef2929", "#8ae234", "#fce94f", "#729fcf", "#ad7fa8", "#34e2e2", "#eeeeec",
]
FONT = "DejaVu Sans Mono 11"
QUIET_MS = 800  # a screen that has not changed for this long waits for a key
PADDING = "12px 14px"
TIMEOUT_S = 30


def rgba(spec):
    color = Gdk.RGBA()
    color.parse(spec)
    return color


def terminal(columns, rows):
    """A VTE widget of columns x rows cells in the theme above."""
    term = Vte.Terminal()
    term.set_font(Pango.FontDescription.from_string(FONT))
    term.set_colors(rgba(FOREGROUND), rgba(BACKGROUND), [rgba(c) for c in PALETTE])
    term.set_allow_hyperlink(True)
    term.set_cursor_blink_mode(Vte.CursorBlinkMode.OFF)
    term.set_scrollback_lines(0)
    term.set_size(columns, rows)
    css = Gtk.CssProvider()
    css.load_from_data(f"vte-terminal {{ padding: {PADDING}; }}".encode())
    term.get_style_context().add_provider(css, Gtk.STYLE_PROVIDER_PRIORITY_APPLICATION)
    return term


def shell_prompt(text):
    """A green `$ ` and text, as a shell would echo a typed command."""
    return f"\x1b[32m$\x1b[0m {text}".encode()


def main(out, columns, rows, prompt, command):
    window = Gtk.Window(title="mailview")
    window.set_decorated(False)
    term = terminal(columns, rows)
    window.add(term)
    state = {"timer": None, "error": None}

    def capture():
        while Gtk.events_pending():
            Gtk.main_iteration()
        xid = window.get_window().get_xid()
        result = subprocess.run(["import", "-window", str(xid), "-strip", out], capture_output=True, text=True)
        if result.returncode != 0:
            state["error"] = f"import failed: {result.stderr.strip()}"
        Gtk.main_quit()
        return False

    def later(ms):
        if state["timer"] is not None:
            GLib.source_remove(state["timer"])
        state["timer"] = GLib.timeout_add(ms, capture)

    def exited(_term, _status):
        term.feed(shell_prompt(""))
        later(300)

    def timeout():
        state["error"] = f"no output from {' '.join(command)} within {TIMEOUT_S} s"
        Gtk.main_quit()
        return False

    def changed(_term):
        # The command's output restarts the clock; the prompt alone (cursor still below it) does not.
        if term.get_cursor_position() != (0, 1):
            later(QUIET_MS)

    def start(_window, _event):
        # Spawned once the window has its size, so the command sees the final one from the start.
        term.feed(shell_prompt(prompt) + b"\r\n")
        term.connect("contents-changed", changed)
        term.connect("child-exited", exited)
        env = [f"{k}={v}" for k, v in os.environ.items()] + ["TERM=xterm-256color", "COLORTERM=truecolor"]
        term.spawn_async(Vte.PtyFlags.DEFAULT, os.getcwd(), command, env, GLib.SpawnFlags.SEARCH_PATH, None, None, -1, None, spawned, None)

    def spawned(_term, _pid, error, _data):
        if error:
            state["error"] = f"cannot run {command[0]}: {error.message}"
            Gtk.main_quit()
            return
        # The command gets the rows below the prompt, so a pager leaves the prompt on screen.
        term.get_pty().set_size(rows - 1, columns)

    window.connect("map-event", start)
    window.show_all()
    GLib.timeout_add_seconds(TIMEOUT_S, timeout)
    Gtk.main()
    if state["error"]:
        print(f"screenshot-terminal: {state['error']}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 6:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(64)
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:]))
