#!/usr/bin/env node
/**
 * `npm run conformance -- <command> ...`: runs the WDL library against a corpus and prints one line per case,
 * then `N passed, M failed`. Exits non-zero when anything failed.
 */
import { runCommand } from './commands.js';

process.exitCode = await runCommand(process.argv.slice(2));
