#!/usr/bin/env node
// The `parley` command: runs the TypeScript CLI through tsx (resolved from this package, so any working directory works).
import { register } from "tsx/esm/api";

register();
await import("./parley-cli.ts");
