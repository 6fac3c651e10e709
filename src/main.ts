// The bundle's entry: bin/mailview.js runs the built form of this file (through dist/boot.cjs).
import { runCli } from './cli.js';

void runCli();
