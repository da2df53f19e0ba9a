import { Aspects, DefaultTokenResolver, IAspect, IResolvable, IResolveContext, LazyBase, StringConcat, TerraformElement, TerraformStack, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { guardStack } from './synth-guard';

/**
 * Terraform evaluates `${...}` (interpolation) and `%{...}` (template directives)
 * inside every string of a configuration, JSON included. A user's literal text
 * that reaches `cdk.tf.json` unescaped is therefore code: a tag value, a
 * description or an environment variable containing `${var.ghcr_token}` would copy
 * a sensitive variable into a plain attribute. This module escapes them, in one
 * place, for every element the library creates.
 *
 * How: library constructs call `markLibraryConstruct(this)`. The first call in a
 * stack adds an Aspect that wraps `toTerraform()` of every Terraform element below a
 * library construct. The wrapper walks the element's configuration before cdktf
 * resolves it and, in the literal parts of every string and map key, replaces `${`
 * with `$${` and `%{` with `%%{` (Terraform's own escapes). Tokens (references,
 * `Fn` calls, variables) are left alone: they are Terraform expressions on purpose.
 * Lazy values are produced here so that the text they produce is escaped too.
 *
 * The escapes are inserted as tokens, not as text: cdktf parses a literal `${`
 * next to a token in the same string as its own escape syntax and drops braces.
 * Library code that means a Terraform expression must therefore build it as a
 * token (`Fn.*`, a reference, or `terraformExpression()` below), never as a
 * literal `"${...}"` string.
 */

const OWNED = Symbol.for('@livestreamsell/cdktf-constructs.libraryConstruct');
const ASPECT_ADDED = Symbol.for('@livestreamsell/cdktf-constructs.literalEscaping');
const WRAPPED = Symbol.for('@livestreamsell/cdktf-constructs.escapedElement');

/** The token that resolves to Terraform's escape of `${`. */
const ESCAPED_DOLLAR = Token.asString(fixed('$${'));
/** The token that resolves to Terraform's escape of `%{`. */
const ESCAPED_PERCENT = Token.asString(fixed('%%{'));

/** cdktf's string and list token markers (`${TfToken[TOKEN.12]}`, `#{TfToken[TOKEN.12]}`). */
const TOKEN_MARKER = /[$#]\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * Marks `construct` as one of the library's: every Terraform element below it has
 * its literal text escaped at synth. Call it first thing in the constructor.
 */
export function markLibraryConstruct(construct: IConstruct): void {
  (construct as any)[OWNED] = true;
  const stack = TerraformStack.of(construct) as any;
  guardStack(stack);
  if (!stack[ASPECT_ADDED]) {
    stack[ASPECT_ADDED] = true;
    Aspects.of(stack).add(new LiteralEscaping());
  }
}

/** True when `construct` or one of its scopes is a library construct. */
export function isLibraryOwned(construct: IConstruct): boolean {
  return construct.node.scopes.some((s) => (s as any)[OWNED] === true);
}

/**
 * A raw Terraform expression as a token, for the rare place where the library
 * means one (`${path.module}`): literal `${` text would be escaped.
 */
export function terraformExpression(expression: string): string {
  return Token.asString(fixed(`\${${expression}}`));
}

/** Escapes `${` and `%{` in text that contains no tokens (for example a document rendered to a string). */
export function escapeTemplateText(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

class LiteralEscaping implements IAspect {
  public visit(node: IConstruct): void {
    if (!TerraformElement.isTerraformElement(node) || (node as any)[WRAPPED] || !isLibraryOwned(node)) return;
    (node as any)[WRAPPED] = true;
    const element = node as TerraformElement;
    const original = element.toTerraform.bind(element);
    element.toTerraform = () => escapeTree(original(), element);
  }
}

/** Returns `value` with the literal parts of every string and key escaped. */
export function escapeTree(value: unknown, scope: IConstruct): any {
  if (typeof value === 'string') return escapeString(value, scope);
  if (Array.isArray(value)) return value.map((v) => escapeTree(v, scope));
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof LazyBase) return escapeTree(value.resolve(resolveContext(scope)), scope);
  if (Tokenization.isResolvable(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: { [key: string]: unknown } = {};
  for (const [key, v] of Object.entries(value)) out[escapeString(key, scope)] = escapeTree(v, scope);
  return out;
}

function escapeString(text: string, scope: IConstruct): string {
  // Fast path: nothing that could start a template sequence or hold a token.
  if (!text.includes('{')) return text;
  let result = '';
  let last = 0;
  for (const match of text.matchAll(TOKEN_MARKER)) {
    result += escapeLiteral(text.slice(last, match.index));
    result += expandLazy(match[0], scope);
    last = match.index! + match[0].length;
  }
  return result + escapeLiteral(text.slice(last));
}

/** A string token that is a Lazy is produced (and its text escaped); others stay tokens. */
function expandLazy(marker: string, scope: IConstruct): string {
  if (marker.startsWith('#')) return marker;
  const token = Tokenization.reverseString(marker).firstToken;
  if (!(token instanceof LazyBase)) return marker;
  const produced = token.resolve(resolveContext(scope));
  return typeof produced === 'string' ? escapeString(produced, scope) : marker;
}

function escapeLiteral(text: string): string {
  if (!text.includes('{')) return text;
  return text.replace(/\$\{/g, ESCAPED_DOLLAR).replace(/%\{/g, ESCAPED_PERCENT);
}

function resolveContext(scope: IConstruct): IResolveContext {
  return {
    scope,
    preparing: false,
    resolve: (x: any) => Tokenization.resolve(x, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }),
    registerPostProcessor: () => undefined,
  };
}

function fixed(value: string): IResolvable {
  return { creationStack: [], resolve: () => value, toString: () => value };
}
