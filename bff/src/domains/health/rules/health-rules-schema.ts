import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '@govpass/config';
import { HealthColour, HealthListType, RiskLevel } from '@govpass/shared-types';

/*
 * config/health-rules.json: the colour rules a health official reads and edits. Validated strictly
 * at start (an unknown key is a typo, not an extension), so a bad file stops the process naming
 * the rule and the field instead of colouring people by a half-read rule.
 */

const Text = z.string().trim().min(1).max(200);

export const RuleCondition = z.discriminatedUnion('kind', [
  /** An official list; `days` counted from the row's date, or open-ended (until released) when null. */
  z.strictObject({ kind: z.literal('list'), list: HealthListType }),
  /** A positive test, until a negative test sampled later. */
  z.strictObject({ kind: z.literal('positive_test') }),
  /** A tracing exposure (venue check-in at the same place and time as a case), for `days`. */
  z.strictObject({ kind: z.literal('exposure') }),
  /** Declared travel through a district that was at this risk level on the day, for `days`. */
  z.strictObject({ kind: z.literal('travel'), level: RiskLevel }),
  /** Symptoms declared, until a negative test sampled after the declaration. */
  z.strictObject({ kind: z.literal('symptoms') }),
  /** Nothing else applies. */
  z.strictObject({ kind: z.literal('otherwise') }),
]);
export type RuleCondition = z.infer<typeof RuleCondition>;

export const HealthRule = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'rule ids are lower_snake_case'),
  when: RuleCondition,
  colour: HealthColour,
  days: z.number().int().min(1).max(365).nullable(),
  /** 赋码原因, shown to the person. */
  reason: Text,
  /** 转码条件, shown to the person; null for the green rule. */
  greenCondition: Text.nullable(),
});
export type HealthRule = z.infer<typeof HealthRule>;

const DATE_BOUND = new Set(['exposure', 'travel']);
const OPEN_ENDED = new Set(['positive_test', 'symptoms', 'otherwise']);

export const HealthRules = z
  .strictObject({
    $comment: z.string().optional(),
    version: z.literal(1),
    rules: z.array(HealthRule).min(1),
    appealOverride: z.strictObject({ reason: Text, greenCondition: Text }),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.rules.forEach((rule, i) => {
      const at = (message: string, field?: string) => ctx.addIssue({ code: 'custom', path: ['rules', i, ...(field ? [field] : [])], message: `rule "${rule.id}": ${message}` });
      if (ids.has(rule.id)) at('duplicate id', 'id');
      ids.add(rule.id);
      if (DATE_BOUND.has(rule.when.kind) && rule.days === null) at(`a ${rule.when.kind} rule needs days`, 'days');
      if (OPEN_ENDED.has(rule.when.kind) && rule.days !== null) at(`a ${rule.when.kind} rule lasts until its condition is met; days must be null`, 'days');
      if (rule.when.kind === 'otherwise') {
        if (i !== file.rules.length - 1) at('the otherwise rule must be the last one', 'when');
        if (rule.colour !== 'green') at('the otherwise rule must be green', 'colour');
      } else {
        if (rule.colour === 'green') at('only the otherwise rule may be green', 'colour');
        if (rule.greenCondition === null) at('a red or yellow rule needs its greenCondition (转码条件)', 'greenCondition');
      }
    });
    const last = file.rules[file.rules.length - 1];
    if (last?.when.kind !== 'otherwise') ctx.addIssue({ code: 'custom', path: ['rules'], message: 'the last rule must be { "kind": "otherwise" } (green)' });
  });
export type HealthRules = z.infer<typeof HealthRules>;

/** Reads and validates the rules file; a ConfigError names the file and every bad field. */
export function loadHealthRules(file: string): HealthRules {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Invalid health rules file ${file}: ${(err as Error).message}`);
  }
  return parseHealthRules(raw, file);
}

export function parseHealthRules(raw: unknown, source = 'health rules'): HealthRules {
  const parsed = HealthRules.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid health rules file ${source}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
