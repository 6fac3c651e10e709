// The bundle's entry: bin/mailview.js imports the built form of this file.
import { runCli } from './cli.js';

await runCli();
