import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@govpass/config';
import { loadHealthRules, parseHealthRules } from './health-rules-schema';

const FILE = join(__dirname, '../../../../../config/health-rules.json');
const good = () => JSON.parse(readFileSync(FILE, 'utf8'));

describe('health rules file', () => {
  it('the shipped file is valid and ends with the green otherwise rule', () => {
    const rules = loadHealthRules(FILE);
    expect(rules.rules.map((r) => r.id)).toContain('close_contact');
    expect(rules.rules[rules.rules.length - 1]).toMatchObject({ id: 'otherwise', colour: 'green' });
  });

  it('refuses a bad rule naming the rule and field', () => {
    const file = good();
    file.rules[2].days = null;
    file.rules[5].colour = 'purple';
    expect(() => parseHealthRules(file, 'x.json')).toThrow(ConfigError);
    expect(() => parseHealthRules(file, 'x.json')).toThrow(/rules\.5\.colour/);
  });

  it('refuses a date-bound rule without days, a duplicate id, a typo key and a missing otherwise rule', () => {
    const noDays = good();
    noDays.rules[5].days = null;
    expect(() => parseHealthRules(noDays)).toThrow(/rule "exposure": a exposure rule needs days/);
    const dup = good();
    dup.rules[1].id = 'confirmed';
    expect(() => parseHealthRules(dup)).toThrow(/duplicate id/);
    const typo = good();
    typo.rules[0].colur = 'red';
    expect(() => parseHealthRules(typo)).toThrow(/colur/);
    const noOtherwise = good();
    noOtherwise.rules.pop();
    expect(() => parseHealthRules(noOtherwise)).toThrow(/last rule must be/);
  });

  it('names the file when it is not JSON', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.json');
    writeFileSync(bad, '{ "version": 1, ');
    expect(() => loadHealthRules(bad)).toThrow(new RegExp(`Invalid health rules file ${bad}`));
  });
});
