import { IConstruct } from 'constructs';
import { checkEnumLike, isEnumLike } from '../../core/private/enum-like';
import {
  RenderKeyValuePlan, RenderMaxMemoryPolicy, RenderPersistenceMode, RenderPlan, RenderPreviewGeneration, RenderRegion, RenderRegistry,
} from '../render-enums';

const CLASSES = { RenderPlan, RenderRegion, RenderKeyValuePlan, RenderMaxMemoryPolicy, RenderPersistenceMode, RenderPreviewGeneration, RenderRegistry };

/** The enum-like classes of the Render module. */
export type RenderEnumName = keyof typeof CLASSES;

/** The static members of an enum-like class, for messages ("RenderPlan.STARTER, ..., or RenderPlan.of(\"...\")"). */
function examples(typeName: RenderEnumName): string {
  const cls = CLASSES[typeName] as unknown as { [key: string]: unknown };
  const members = Object.keys(cls).filter((k) => /^[A-Z][A-Z0-9_]*$/.test(k) && isEnumLike(cls[k], typeName));
  return `${members.map((m) => `${typeName}.${m}`).join(', ')} or ${typeName}.of("...")`;
}

/** Checks an enum-like prop of the Render module; returns its Render value, or undefined when not set. */
export function checkRenderEnum(scope: IConstruct, prop: string, value: unknown, typeName: RenderEnumName): string | undefined {
  return checkEnumLike<{ value: string }>(scope, prop, value, typeName, examples(typeName))?.value;
}
