import type { NotificationTemplateName } from '@govpass/shared-types';

export interface ConfiguredTemplate {
  name: NotificationTemplateName;
  id: string;
}

/** Platforms take at most three template ids per prompt. */
const MAX_PER_PROMPT = 3;

/** The requested templates this build has an id for (GOVPASS_SUBSCRIBE_TEMPLATES), at most three. */
export function configuredTemplates(names: NotificationTemplateName[]): ConfiguredTemplate[] {
  const ids: Record<string, string> = typeof GOVPASS_SUBSCRIBE_TEMPLATES === 'undefined' ? {} : GOVPASS_SUBSCRIBE_TEMPLATES;
  return [...new Set(names)]
    .map((name) => ({ name, id: ids[name] ?? '' }))
    .filter((t) => t.id !== '')
    .slice(0, MAX_PER_PROMPT);
}
