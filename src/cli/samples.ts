// The sample messages that ship with mailview (examples/NAME.eml), shown by --sample NAME.
import { readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExitCode, MailviewError } from '../document/errors.js';

/** The sample --sample shows when no NAME is given. */
export const defaultSample = 'newsletter';

/** Where the samples of an installed mailview are: examples/ beside bin/, found from the script that runs. */
export function samplesDirOf(script: string | undefined): string | undefined {
  if (!script) return undefined;
  try {
    // npm links node_modules/.bin/mailview to the package's bin/mailview.js.
    return join(dirname(realpathSync(script)), '..', 'examples');
  } catch {
    return undefined;
  }
}

/** The names of the samples in `dir`, sorted. */
export function sampleNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => f.slice(0, -'.eml'.length))
    .sort();
}

/** The files of the samples `names` (the default one when empty); 64 for an unknown name, 66 when none are installed. */
export function sampleFiles(names: readonly string[], dir: string | undefined): string[] {
  let known: string[];
  try {
    known = dir ? sampleNames(dir) : [];
  } catch {
    known = [];
  }
  if (!dir || !known.length) throw new MailviewError(ExitCode.noInput, '--sample', `no samples installed${dir ? ` in ${dir}` : ''}`);
  const wanted = names.length ? names : [defaultSample];
  const unknown = wanted.find((name) => !known.includes(name));
  if (unknown !== undefined) throw new MailviewError(ExitCode.usage, '--sample', `no sample '${unknown}'; the samples are ${known.join(', ')}`);
  return wanted.map((name) => join(dir, `${name}.eml`));
}
