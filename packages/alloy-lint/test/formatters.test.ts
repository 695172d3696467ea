import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, loadReportFormatter } from '../src/formatters/index.js';
import { codeFrame } from '../src/formatters/stylish.js';
import { mergeFix } from '../src/formatters/json.js';
import { mainSource, sampleContext, sampleReports } from './fixtures/reports.js';

const require = createRequire(import.meta.url);

// Both packages are CommonJS with a `default` export; Node's ESM loader hands out module.exports.
type AjvClass = typeof AjvDraft04.default;
const Ajv: AjvClass = (AjvDraft04 as unknown as { default?: AjvClass }).default ?? (AjvDraft04 as unknown as AjvClass);
type AddFormats = typeof ajvFormats.default;
const addFormats: AddFormats = (ajvFormats as unknown as { default?: AddFormats }).default ?? (ajvFormats as unknown as AddFormats);

async function render(name: (typeof FORMAT_NAMES)[number], context = sampleContext): Promise<string> {
  return (await loadReportFormatter(name))(sampleReports, context);
}

describe('report formats on fixed reports', () => {
  it.each(FORMAT_NAMES)('%s matches its snapshot', async (name) => {
    expect(await render(name)).toMatchSnapshot();
  });

  it('stylish with --verbose adds hints and code frames', async () => {
    expect(await render('stylish', { ...sampleContext, verbose: true })).toMatchSnapshot();
  });

  it('stylish colours only when asked', async () => {
    expect(await render('stylish')).not.toContain('\u001b[');
    const colored = await render('stylish', { ...sampleContext, color: true });
    expect(colored).toContain('\u001b[31merror\u001b[39m');
    expect(colored).toContain('\u001b[33mwarning\u001b[39m');
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(await render('stylish'));
  });

  it('stylish prints nothing when there is no problem', async () => {
    const formatter = await loadReportFormatter('stylish');
    expect(formatter([sampleReports[1]!], sampleContext)).toBe('');
  });

  it('stylish with --verbose names every clean file and counts them', async () => {
    const formatter = await loadReportFormatter('stylish');
    const clean = sampleReports[1]!;
    expect(formatter([clean, clean], { ...sampleContext, verbose: true })).toBe(
      `\u2714 ${clean.displayPath}\n\u2714 ${clean.displayPath}\n\u2714 2 files checked, no problems\n`,
    );
  });

  it('stylish ends with the summary line', async () => {
    const lines = (await render('stylish')).trimEnd().split('\n');
    expect(lines.at(-2)).toBe('\u2716 5 problems (3 errors, 1 warning, 1 info)');
    expect(lines.at(-1)).toBe('  1 error and 0 warnings potentially fixable with the `--fix` option.');
  });

  it('json has ESLint\'s shape', async () => {
    const results = JSON.parse(await render('json')) as Array<Record<string, unknown>>;
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({ filePath: '/project/configs/main.alloy', errorCount: 2, warningCount: 2, fixableErrorCount: 1 });
    const messages = results[0]!.messages as Array<Record<string, unknown>>;
    expect(messages[0]).toEqual({
      ruleId: 'alloy/unknown-component',
      severity: 2,
      message: 'component "prometheus.exporter.unix.nod" does not exist or is out of scope',
      line: 4,
      column: 16,
      endLine: 4,
      endColumn: 44,
    });
    expect(messages[2]!.fix).toEqual({ range: [mainSource.indexOf('#'), mainSource.indexOf('#') + 1], text: '//' });
    expect(messages[1]!.severity).toBe(1);
  });

  it('github prints one escaped workflow command per problem', async () => {
    const lines = (await render('github')).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      '::error file=configs/main.alloy,line=4,col=16,endLine=4,endColumn=44,title=alloy/unknown-component::component "prometheus.exporter.unix.nod" does not exist or is out of scope',
    );
    expect(lines[1]).toMatch(/^::warning .*title=alloy/);
    expect(lines[1]).toContain('100%25, a:b');
    expect(lines[3]).toMatch(/^::notice .*::import.git is not fetched%0Aits namespace is accepted$/);
  });

  it('sarif is valid SARIF 2.1.0 (schema shipped by @microsoft/jest-sarif) with help links', async () => {
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(await render('sarif')) as {
      version: string;
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } }; results: Array<Record<string, unknown>> }>;
    };
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(5);
    expect(run.tool.driver.rules.find((rule) => rule.id === 'alloy/unknown-component')?.helpUri).toBe(
      'https://github.com/alloy-toolkit/alloy-toolkit/blob/main/packages/checker/docs/rules/alloy-unknown-component.md',
    );
    expect(run.results[0]).toMatchObject({
      ruleId: 'alloy/unknown-component',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'configs/main.alloy', uriBaseId: '%SRCROOT%' } } }],
    });
    expect(run.results[3]).toMatchObject({ level: 'note' });
    expect(run.results[4]).toMatchObject({
      locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///elsewhere/other%20dir/x.river' } } }],
    });
  });

  it('sarif stays valid for an empty run', async () => {
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const formatter = await loadReportFormatter('sarif');
    expect(ajv.validate(schema, JSON.parse(formatter([], sampleContext)))).toBe(true);
  });

  it('the schema validator rejects a broken log (so the checks above can fail)', async () => {
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const log = JSON.parse(await render('sarif')) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(ajv.validate(schema, log)).toBe(false);
  });

  it('checkstyle and junit escape XML', async () => {
    const checkstyle = await render('checkstyle');
    expect(checkstyle).toContain('&lt;, &amp;, &quot;quotes&quot;');
    expect(checkstyle).not.toMatch(/message="[^"]*<[^"]*"/);
    const junit = await render('junit');
    expect(junit).toContain('<testcase time="0" name="/project/configs/clean.alloy" classname="/project/configs/clean" />');
    expect(junit.match(/<testcase /g)).toHaveLength(6);
  });
});

describe('codeFrame', () => {
  it('marks the line and underlines the range', () => {
    const diagnostic = sampleReports[0]!.diagnostics[0]!;
    expect(codeFrame(mainSource, diagnostic)).toEqual([
      '  2 |',
      '  3 | prometheus.scrape "default" {',
      '> 4 |   targets    = prometheus.exporter.unix.nod.targets',
      `    |                ${'^'.repeat(28)}`,
      '  5 |   forward_to = [prometheus.remote_write.default.receiver]',
      '  6 |   scrape_interval = "15x"',
    ]);
  });
});

describe('mergeFix', () => {
  it('merges several edits into one ESLint replacement', () => {
    const text = 'a = [1 2 3]';
    const position = (offset: number) => ({ offset, line: 1, column: offset + 1 });
    const edit = (offset: number) => ({ range: { start: position(offset), end: position(offset) }, newText: ',' });
    const merged = mergeFix(
      { code: 'x', severity: 'error', message: 'm', range: { start: position(0), end: position(0) }, fix: { title: 't', edits: [edit(8), edit(6)] } },
      text,
    );
    expect(merged).toEqual({ range: [6, 8], text: ', 2,' });
    const [start, end] = merged!.range;
    expect(text.slice(0, start) + merged!.text + text.slice(end)).toBe('a = [1, 2, 3]');
  });
});
