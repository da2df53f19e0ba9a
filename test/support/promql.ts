import type { LRParser } from '@lezer/lr';

// The package is an ES module with a CommonJS build: require() takes the latter (jest runs CommonJS).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parser } = require('@prometheus-io/lezer-promql') as { parser: LRParser };

/**
 * Parses PromQL with Prometheus's own Lezer grammar (the one its web UI uses) and
 * returns the syntax errors, each with its position; empty when the expression parses.
 */
export function promqlSyntaxErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`syntax error at ${node.from}: ${JSON.stringify(expr.slice(Math.max(0, node.from - 20), node.from + 20))}`);
    },
  });
  return errors;
}
