/**
 * undici parses HTTP with llhttp compiled to WebAssembly (`lib/dispatcher/client-h1.js`, `WebAssembly.compile`
 * when the module loads). V8 compiles it twice: at once with its baseline compiler (Liftoff), then again,
 * optimised, with TurboFan on a background thread; and Node waits for that background work before the process
 * exits. Measured on the command line's `check` (strace: after the last output the main thread waits on V8's
 * compile thread): 125 ms on a 2-core machine at load 3, 360 ms at load 9; with Liftoff alone, 10-25 ms
 * (bench/cli.ts). A run of a few requests gains nothing from the optimised parser, so the baseline code is kept.
 * Imported before undici, which starts compiling as it loads.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--liftoff-only');
