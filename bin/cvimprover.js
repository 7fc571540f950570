#!/usr/bin/env node
// The `cvimprover` command. npm puts the project's pinned Node 24 first on PATH for `npx
// cvimprover`, which runs the TypeScript sources directly.
import { runCli } from '../src/cli.ts';

process.exitCode = await runCli(process.argv.slice(2));
