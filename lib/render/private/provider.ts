import { IConstruct } from 'constructs';
import { ensureProvider } from '../../core/private/providers';
import { stringInput } from '../../core/private/variables';
import { RenderProvider } from '../../providers/render/gen/provider';

/**
 * The stack's Render provider (construct id "render"), created on first use.
 *
 * `owner_id` comes from the `render_owner_id` variable; the API key is never
 * written to the configuration: the provider reads `RENDER_API_KEY` from the
 * environment of whoever runs Terraform. Declare a `RenderProvider` with id
 * "render" in the stack before any Render construct to configure it yourself.
 */
export function renderProviderFor(scope: IConstruct): RenderProvider {
  return ensureProvider(scope, 'render', (stack, id) => new RenderProvider(stack, id, {
    ownerId: stringInput(stack, 'render_owner_id', 'Render workspace (owner) id: "tea-..." for a team, "usr-..." for a user', {
      regex: '^(tea|usr)-[a-z0-9]+$',
      message: 'render_owner_id must be a Render owner id such as "tea-abc123" or "usr-abc123".',
    }).stringValue,
  }));
}
