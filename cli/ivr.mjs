#!/usr/bin/env node
// The `ivr` command runs straight from the TypeScript sources (no build step): tsx compiles them on load.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
