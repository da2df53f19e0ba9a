import { TerraformStack } from 'cdktf';

const ORIGINAL = Symbol.for('@livestreamsell/cdktf-constructs.SecurityChecks.toTerraform');
const HANDOFF = Symbol.for('@livestreamsell/cdktf-constructs.SecurityChecks.json');
const UNCHECKED = Symbol.for('@livestreamsell/cdktf-constructs.SecurityChecks.unchecked');

/**
 * One resolve of a stack per synth for the checks and the synthesizer together.
 *
 * Resolving a stack (`toTerraform()`) is the most expensive step of a synth. The
 * checks run as a validation, right before cdktf resolves the stack again to write
 * it; with nothing in between that changes the tree, the second resolve would
 * compute the same JSON. So the JSON the checks judged is handed over to the
 * synthesizer's own `toTerraform()` call, once: the next call after the validation
 * takes it, and any later call resolves afresh.
 */
export function jsonForValidation(stack: TerraformStack): any {
  const s = install(stack);
  if (s[HANDOFF] === undefined) s[HANDOFF] = s[ORIGINAL]();
  return s[HANDOFF];
}

/** The stack's JSON, freshly resolved (never the handed-over copy). */
export function freshJson(stack: TerraformStack): any {
  return install(stack)[ORIGINAL]();
}

/**
 * Runs `check` on the JSON when the stack is resolved without its validations
 * having run (an App with `skipValidation`), so the checks still hold.
 */
export function checkWhenUnvalidated(stack: TerraformStack, check: (json: any) => void): void {
  const s = install(stack);
  (s[UNCHECKED] as Array<(json: any) => void>).push(check);
}

function install(stack: TerraformStack): any {
  const s = stack as any;
  if (s[ORIGINAL]) return s;
  s[ORIGINAL] = stack.toTerraform.bind(stack);
  s[UNCHECKED] = [];
  stack.toTerraform = () => {
    const handed = s[HANDOFF];
    if (handed !== undefined) {
      s[HANDOFF] = undefined;
      return handed;
    }
    const json = s[ORIGINAL]();
    for (const check of s[UNCHECKED] as Array<(json: any) => void>) check(json);
    return json;
  };
  return s;
}
