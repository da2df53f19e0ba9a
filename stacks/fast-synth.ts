/**
 * Synth speed for the app entry point (not part of the library), imported first by
 * main.ts: cdktf records a full stack trace whenever a token is created, only to
 * print it if that token later fails to resolve. With thousands of tokens that is
 * about 6 % of this app's synth (measured with `npm run bench`). Set
 * LSS_TOKEN_STACK_TRACES=1 to get the traces back when debugging such an error.
 *
 * (A V8 code cache, `v8-compile-cache`, was measured too: no gain on Node 20 and
 * +40 MB peak RSS, so it is not used.)
 */
/* eslint-disable @typescript-eslint/no-require-imports */
if (process.env.LSS_TOKEN_STACK_TRACES !== '1') {
  try {
    const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
    stackTrace.captureStackTrace = () => [];
  } catch {
    // A cdktf release without this internal module: keep its default behaviour.
  }
}
export {};
