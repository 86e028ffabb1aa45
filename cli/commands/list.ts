/** `sim list`: the built-in models with their parameters, invariants and seeded bugs. */
import { builtinModels, type ModelEntry } from '../../model/index.js';
import { parseCommandArgs } from '../args.js';
import type { Io } from '../io.js';
import type { Outcome } from '../outcome.js';

export const listHelp = `usage: sim list [--json]
Lists the built-in models: parameters with defaults, invariants with their statements, the
seeded bugs with the invariant each breaks, and the findings: hazards of the real code, each with
the parameters that reproduce it and the fix that verifies clean.`;

const options = { json: { type: 'boolean' } } as const;

function describe(entry: ModelEntry) {
  const model = entry.create(Object.fromEntries(entry.params.map((p) => [p.name, p.default])));
  return {
    name: entry.name,
    description: entry.description,
    params: entry.params.map((p) => ({ name: p.name, default: p.default, description: p.description, ...(p.values ? { values: p.values } : {}), ...(p.min !== undefined ? { min: p.min } : {}), ...(p.max !== undefined ? { max: p.max } : {}) })),
    invariants: Object.keys(model.invariants).map((name) => ({ name, statement: model.statements?.[name] ?? '' })),
    bugs: entry.bugs.map((b) => ({ name: b.name, breaks: b.breaks, source: b.source, ...(b.params ? { params: b.params } : {}) })),
    findings: entry.findings.map((f) => ({ name: f.name, breaks: f.breaks, source: f.source, params: f.params, fix: f.fix })),
  };
}

const assignments = (params: Record<string, unknown>): string =>
  Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(' ');

export async function listCommand(argv: readonly string[], io: Io): Promise<Outcome> {
  const { values } = parseCommandArgs('list', argv, options, 0);
  if (values.help) {
    io.stdout.write(`${listHelp}\n`);
    return 'ok';
  }
  const models = builtinModels.map(describe);
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ models })}\n`);
    return 'ok';
  }
  const lines: string[] = [];
  models.forEach((m, i) => {
    lines.push(`${m.name}${i === 0 ? ' (default)' : ''}: ${m.description}`, '  parameters:');
    for (const p of m.params) {
      const range = p.values ? ` one of ${p.values.join(', ')}` : p.min !== undefined || p.max !== undefined ? ` ${p.min ?? ''}..${p.max ?? ''}` : '';
      lines.push(`    ${p.name}=${String(p.default)}  ${p.description}${range ? ` (${range.trim()})` : ''}`);
    }
    lines.push('  invariants:');
    for (const inv of m.invariants) lines.push(`    ${inv.name}: ${inv.statement}`);
    lines.push('  seeded bugs (--param bug=NAME):');
    for (const b of m.bugs) {
      const extra = b.params ? ` with ${assignments(b.params)}` : '';
      lines.push(`    ${b.name}${extra} breaks ${b.breaks}: ${b.source}`);
    }
    if (m.findings.length > 0) {
      lines.push('  findings (the real code as released; --param each of "with", then "fix" verifies clean):');
      for (const f of m.findings) lines.push(`    ${f.name} with ${assignments(f.params)} breaks ${f.breaks}; fix ${assignments(f.fix)}: ${f.source}`);
    }
    lines.push('');
  });
  io.stdout.write(lines.join('\n'));
  return 'ok';
}
