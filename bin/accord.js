#!/usr/bin/env node
// The installed `accord` command: runs the compiled CLI (`npm run build` makes dist/).
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
