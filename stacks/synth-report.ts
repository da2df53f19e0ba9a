import { App, IStackSynthesizer, ISynthesisSession, TerraformResource, TerraformStack } from 'cdktf';

/**
 * Synthesizes `app` and prints one line per stack written (resources, time) and a
 * total, so a synth shows its progress. Resources are counted from the construct
 * tree (cheap), not by parsing the files back.
 */
export function synthWithReport(app: App, log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): void {
  const start = process.hrtime.bigint();
  const rows: Array<{ id: string; resources: number; ms: number }> = [];
  for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
    const inner = stack.synthesizer;
    const timed: IStackSynthesizer = {
      synthesize(session: ISynthesisSession) {
        const t0 = process.hrtime.bigint();
        inner.synthesize(session);
        rows.push({ id: stack.node.id, resources: stack.node.findAll().filter(TerraformResource.isTerraformResource).length, ms: Number(process.hrtime.bigint() - t0) / 1e6 });
      },
    };
    stack.synthesizer = timed;
  }
  app.synth();
  const width = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) log(`synth: ${r.id.padEnd(width)}  ${String(r.resources).padStart(4)} resources  ${(r.ms / 1000).toFixed(2)} s`);
  const total = rows.reduce((acc, r) => acc + r.resources, 0);
  log(`synth: ${rows.length} stacks, ${total} resources written to ${app.outdir}/stacks in ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2)} s`);
}
