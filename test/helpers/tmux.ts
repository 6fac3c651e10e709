// A real terminal for end-to-end tests: a private tmux server whose pane runs the program under
// test. The screen is read with capture-pane, the bytes the program wrote with pipe-pane.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root } from './run.js';

/** The programs of `names` that are not on the PATH. */
export function missingPrograms(names: readonly string[]): string[] {
  return names.filter((name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status !== 0);
}

/** A test name that says why it is skipped when programs are missing, e.g. "mutt (skipped: mutt not installed)". */
export function nameWithSkipReason(name: string, missing: readonly string[]): string {
  return missing.length ? `${name} (skipped: ${missing.join(', ')} not installed)` : name;
}

/** A test name that says why it is skipped when `reason` is given, e.g. "VTE (skipped: Xvfb not installed)". */
export function nameWithReason(name: string, reason: string | undefined): string {
  return reason ? `${name} (skipped: ${reason})` : name;
}

/** How to start a terminal. */
export interface TerminalSpec {
  /** A shell command line run in the pane. */
  readonly command: string;
  readonly columns?: number;
  readonly rows?: number;
  /** Extra environment for the pane (on top of a clean one: PATH, HOME, LANG). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A throw-away directory with `home/` and `bin/mailview` (the real bin/mailview.js) on the PATH. */
export function makeSandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailview-e2e-'));
  mkdirSync(join(dir, 'home'));
  mkdirSync(join(dir, 'bin'));
  symlinkSync(join(root, 'bin/mailview.js'), join(dir, 'bin/mailview'));
  return dir;
}

/** The environment a program runs in inside a sandbox: its bin/ first on PATH, its home, a UTF-8 locale. */
export function sandboxEnv(dir: string): Record<string, string> {
  return {
    PATH: [join(dir, 'bin'), dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: join(dir, 'home'),
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    // No start-up snapshot: a second run would start building one in the background, in a
    // sandbox that close() removes (test/snapshot.test.ts covers the snapshot path).
    MAILVIEW_SNAPSHOT: '0',
  };
}

const poll = 40;

/** One tmux server with one pane, private to a test; `close()` kills it. */
export class Terminal {
  private constructor(
    private readonly dir: string,
    private readonly socket: string,
    private readonly log: string,
  ) {}

  /** Start `spec.command` in a new pane of a new server living in `dir`, recording its output from the first byte. */
  static start(dir: string, spec: TerminalSpec): Terminal {
    const t = new Terminal(dir, join(dir, 'tmux.sock'), join(dir, 'pane.log'));
    const env = {
      ...sandboxEnv(dir),
      TERM: 'xterm-256color',
      TMUX_TMPDIR: dir,
      // The browser view's files (`View in browser` when paging) stay in the sandbox.
      TMPDIR: dir,
      ...spec.env,
    };
    // The pane waits for a signal, so pipe-pane is in place before the program writes anything.
    const gated = `tmux -S '${t.socket}' wait-for mailview-go; ${spec.command}`;
    try {
      t.run(['-f', '/dev/null', 'new-session', '-d', '-s', 'e2e', '-x', String(spec.columns ?? 100), '-y', String(spec.rows ?? 30), gated], env);
      t.run(['pipe-pane', '-O', '-t', 'e2e', `cat >> '${t.log}'`]);
      t.run(['wait-for', '-S', 'mailview-go']);
    } catch (err) {
      t.close();
      throw err;
    }
    return t;
  }

  /** The screen as text, one line per row, escapes removed. */
  screen(): string {
    return this.run(['capture-pane', '-p', '-t', 'e2e']);
  }

  /** Everything the pane's programs wrote to the terminal so far, decoded as UTF-8. */
  bytes(): string {
    try {
      return readFileSync(this.log, 'utf8');
    } catch {
      return '';
    }
  }

  /** Press keys, in tmux's key names ("q", "C-v", "Enter"). */
  press(...keys: string[]): void {
    this.run(['send-keys', '-t', 'e2e', ...keys]);
  }

  /** Poll the screen until `ok` holds; fails after `ms` with the last screen in the message. */
  async waitFor(what: string, ok: (screen: string) => boolean, ms = 20_000): Promise<string> {
    let screen = '';
    await this.until(what, () => ok((screen = this.screen())), ms);
    return screen;
  }

  /** Poll until `ok` holds (e.g. on the recorded bytes); fails after `ms` showing the screen. */
  async until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (ok()) return;
      await new Promise((resolve) => setTimeout(resolve, poll));
    }
    throw new Error(`timed out waiting for ${what}; the screen was:\n${this.screen()}`);
  }

  /** Kill the server and remove the sandbox. */
  close(): void {
    // Everything a pane ran is in the session its first process leads. A program that ignores the
    // hang-up the server's end sends (aerc 0.22, and the pagers it started) outlived it, and each
    // test run left them behind: the sessions are stopped first.
    const panes = spawnSync('tmux', ['-S', this.socket, 'list-panes', '-a', '-F', '#{pane_pid}'], { encoding: 'utf8' });
    for (const pid of (panes.stdout ?? '').split('\n').filter((p) => /^\d+$/.test(p))) spawnSync('pkill', ['-KILL', '-s', pid], { stdio: 'ignore' });
    spawnSync('tmux', ['-S', this.socket, 'kill-server'], { stdio: 'ignore' });
    // A process the test started may outlive the server and still write into the sandbox (an opener
    // or a program run from its bin/, one reading its files): those naming it are stopped first.
    spawnSync('pkill', ['-KILL', '-f', this.dir], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }

  private run(args: readonly string[], env?: Record<string, string>): string {
    const r = spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8', timeout: 10_000, ...(env ? { env } : {}) });
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr || r.error?.message}`);
    return r.stdout;
  }
}
