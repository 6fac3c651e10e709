#!/usr/bin/python3
# What a real VTE terminal (the widget of GNOME Terminal) registers as OSC 8 hyperlinks: starts a
# private Xvfb, runs a command in a Vte.Terminal with hyperlinks allowed, waits for it to exit,
# then asks VTE for the link under every cell, as a Ctrl-click would (hyperlink_check_event).
#
#   vte-links.py COLUMNS ROWS COMMAND [ARG]...
#   vte-links.py --check      (exit 0 when Xvfb, PyGObject and VTE are there, else 3)
#
# Prints one JSON object: {"vte": version, "exit": status, "lines": [screen rows], "links":
# [{"row", "col", "end", "uri", "text", "underline", "color"}], "plainColors": [...]}: one entry
# per run of cells with the same URI (end exclusive; underline: every cell underlined; color:
# the first cell's foreground, null for the default), and the foreground colours of the text
# outside links. Styles come from VTE's own HTML copy of the screen: VTE 0.70 reports every
# hyperlink cell as underlined in get_text_range, whatever the program wrote.
import ctypes
import html.parser
import json
import os
import signal
import subprocess
import sys
import time

TIMEOUT = 30


def fail(code, message):
    print(f'vte-links: {message}', file=sys.stderr)
    sys.exit(code)


def start_xvfb():
    """A private X server on a free display (Xvfb -displayfd), killed with this process."""
    read, write = os.pipe()
    libc = ctypes.CDLL(None)

    def die_with_parent():
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: no Xvfb outlives a killed helper

    try:
        xvfb = subprocess.Popen(
            ['Xvfb', '-displayfd', str(write), '-nolisten', 'tcp', '-screen', '0', '2400x2400x24'],
            pass_fds=[write], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=die_with_parent)
    except FileNotFoundError:
        fail(3, 'Xvfb not installed')
    os.close(write)
    with os.fdopen(read) as f:
        display = f.readline().strip()
    if not display:
        xvfb.kill()
        fail(3, 'Xvfb did not start')
    return xvfb, f':{display}'


def load_gi():
    try:
        import gi
        gi.require_version('Gtk', '3.0')
        gi.require_version('Gdk', '3.0')
        gi.require_version('Vte', '2.91')
        from gi.repository import Gdk, GLib, Gtk, Vte
    except (ImportError, ValueError) as err:
        fail(3, f'PyGObject with Gtk 3 and Vte 2.91 not available ({err})')
    return Gdk, GLib, Gtk, Vte


class Styles(html.parser.HTMLParser):
    """VTE's HTML copy of the screen as rows of (underline, colour) per character."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.stack = [[]], []

    def handle_starttag(self, tag, attrs):
        style = dict(attrs).get('style') or ''
        color = style.split('color:', 1)[1].split(';')[0].strip().lower() if style.startswith('color:') else None
        self.stack.append((tag, color))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        underline = any(tag == 'u' for tag, _ in self.stack)
        color = next((c for _, c in reversed(self.stack) if c), None)
        for char in data:
            if char == '\n':
                self.rows.append([])
            else:
                self.rows[-1].append((underline, color))


def html_styles(Gdk, Gtk, Vte, term):
    term.select_all()
    term.copy_clipboard_format(Vte.Format.HTML)
    term.unselect_all()
    data = Gtk.Clipboard.get(Gdk.SELECTION_CLIPBOARD).wait_for_contents(Gdk.Atom.intern('text/html', False))
    parser = Styles()
    parser.feed(data.get_data().decode('utf-16') if data else '')
    return parser.rows


def run(columns, rows, argv):
    Gdk, GLib, Gtk, Vte = load_gi()
    if not Gtk.init_check(sys.argv)[0]:
        fail(3, 'Gtk cannot open the display')
    GLib.log_set_handler('VTE', GLib.LogLevelFlags.LEVEL_WARNING, lambda *a: None)
    window = Gtk.Window()
    term = Vte.Terminal()
    term.set_allow_hyperlink(True)
    term.set_scrollback_lines(0)
    term.set_size(columns, rows)
    window.add(term)
    window.show_all()
    state = {}
    term.connect('child-exited', lambda _t, status: state.setdefault('exit', status))
    context = GLib.MainContext.default()
    deadline = time.monotonic() + TIMEOUT
    while term.get_allocated_height() < rows * term.get_char_height():
        if time.monotonic() > deadline:
            fail(2, f'the window never got {rows} rows (the screen is 2400 pixels high)')
        context.iteration(False) or time.sleep(0.005)
    term.spawn_async(Vte.PtyFlags.DEFAULT, None, argv, None, GLib.SpawnFlags.SEARCH_PATH, None, None, -1, None, None)
    while 'exit' not in state:
        if time.monotonic() > deadline:
            fail(2, f'the command did not exit within {TIMEOUT} s')
        context.iteration(False) or time.sleep(0.005)
    while context.pending():
        context.iteration(False)
    result = scan(Gdk, term, columns, rows, html_styles(Gdk, Gtk, Vte, term))
    version = f'{Vte.get_major_version()}.{Vte.get_minor_version()}.{Vte.get_micro_version()}'
    return {'vte': version, 'exit': os.waitstatus_to_exitcode(state['exit'])} | result


def cells(text, attrs, styles):
    """Column -> (character, underline, colour); VTE 0.70 gives one attribute per UTF-8 byte."""
    chars, at = {}, 0
    for i, c in enumerate(text.rstrip('\n')):
        if at < len(attrs):
            underline, color = styles[i] if i < len(styles) else (False, None)
            chars.setdefault(attrs[at].column, (c, underline, color))
        at += len(c.encode('utf-8'))
    return chars


def scan(Gdk, term, columns, rows, styles):
    """The screen's text and, cell by cell, the hyperlink VTE reports under it."""
    events = [w for w in term.get_window().get_children() if w.is_input_only()]
    event = Gdk.Event.new(Gdk.EventType.BUTTON_PRESS)
    event.button.window = events[0] if events else term.get_window()
    width, height = term.get_char_width(), term.get_char_height()
    pad = term.get_style_context().get_padding(term.get_state_flags())
    lines, links, plain = [], [], set()
    for row in range(rows):
        text, attrs = term.get_text_range(row, 0, row, columns - 1, None, None)
        chars = cells(text, attrs, styles[row] if row < len(styles) else [])
        lines.append(text.rstrip('\n').rstrip())
        run, cell = None, ('', False, None)
        for col in range(columns):
            event.button.x = pad.left + col * width + width / 2
            event.button.y = pad.top + row * height + height / 2
            uri = term.hyperlink_check_event(event)
            # The right half of a wide character has no entry of its own.
            cell = chars.get(col, ('', cell[1], cell[2]))
            if not uri and cell[0].strip():
                plain.add(cell[2])
            if not (run and run['uri'] == uri):
                run = {'row': row, 'col': col, 'end': col, 'uri': uri, 'text': '', 'underline': True, 'color': cell[2]} if uri else None
                if run:
                    links.append(run)
            if run:
                run['end'] = col + 1
                run['text'] += cell[0]
                run['underline'] = run['underline'] and cell[1]
    return {'lines': lines, 'links': links, 'plainColors': sorted(plain, key=str)}


def main():
    if sys.argv[1:] == ['--check']:
        load_gi()
        xvfb, _display = start_xvfb()
        xvfb.kill()
        return
    if len(sys.argv) < 4:
        fail(64, 'usage: vte-links.py COLUMNS ROWS COMMAND [ARG]...')
    columns, rows, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))
    xvfb, display = start_xvfb()
    try:
        os.environ['DISPLAY'] = display
        os.environ['NO_AT_BRIDGE'] = '1'  # no accessibility bus to look for
        os.environ['GDK_BACKEND'] = 'x11'
        print(json.dumps(run(columns, rows, argv)))
    finally:
        xvfb.kill()
        xvfb.wait()


if __name__ == '__main__':
    main()
