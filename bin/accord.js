#!/usr/bin/env node
// The installed `accord` command: runs the compiled CLI (`npm run build` makes dist/).
import { exitQuietlyOnClosedPipe, runCli } from '../dist/cli/main.js';

exitQuietlyOnClosedPipe();
process.exitCode = await runCli(process.argv.slice(2));
