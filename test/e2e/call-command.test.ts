/** `ivr call` as the team uses it: the --json contract of DESIGN.md, scenario files, audio, and bad input. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '#lib/paths.ts';
import { loadScenario, unmetExpectations } from '#simulator/scenario.ts';
import { ivr } from '../integration/run-ivr.ts';
import { call } from './calls.ts';

const SCENARIOS = join(PROJECT_ROOT, 'test', 'e2e', 'scenarios');
const scenarioFiles = (await readdir(SCENARIOS)).filter((file) => file.endsWith('.yaml'));
const scratch = await mkdtemp(join(tmpdir(), 'ivr-call-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

function ivrCall(args: string[]) {
  return ivr(['call', ...args], inject('databaseEnv'));
}

describe('ivr call --json', () => {
  it('prints one object with the outcome, attributes, timed events and the contact record', async () => {
    const run = await ivrCall(['--from', '+923001234567', '--input', 'hangup', '--json']);

    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual([
      'contactId',
      'outcome',
      'queue',
      'attributes',
      'events',
      'spokenSeconds',
      'durationSeconds',
      'surveyScore',
      'contactRecord',
    ]);
    expect(result).toMatchObject({ outcome: 'self-served', queue: null, surveyScore: null });
    expect(result.events[0]).toMatchObject({
      at: expect.any(Number),
      type: 'lambda',
      function: 'order-status',
      ms: expect.any(Number),
    });
    expect(result.events[1]).toMatchObject({
      type: 'prompt',
      text: expect.stringContaining('Thank you, Ayesha'),
      ssml: expect.stringMatching(/^<speak>/),
    });
    expect(result.contactRecord).toMatchObject({
      AWSContactTraceRecordFormatVersion: '2017-03-10',
      ContactId: result.contactId,
      Channel: 'VOICE',
      InitiationMethod: 'INBOUND',
      CustomerEndpoint: { Address: '+923001234567', Type: 'TELEPHONE_NUMBER' },
      SystemEndpoint: { Address: '+922111000000', Type: 'TELEPHONE_NUMBER' },
      Attributes: result.attributes,
      Queue: null,
      Agent: null,
      DisconnectReason: 'CUSTOMER_DISCONNECT',
      InitiationTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  it('records the queue and the agent of a transferred call, in whole seconds of the simulated call', async () => {
    const run = await ivrCall([
      '--from',
      '+923001234567',
      '--input',
      '0',
      '--input',
      'after-agent',
      '--input',
      '3',
      '--json',
    ]);

    const { contactRecord, durationSeconds, surveyScore } = JSON.parse(run.stdout);
    expect(surveyScore).toBe(3);
    expect(contactRecord.Queue).toMatchObject({ Name: 'PK Deliveries', Duration: 20 });
    // The agent hears the whisper, then talks for the simulated minute.
    expect(contactRecord.Agent).toMatchObject({ Username: 'simulated-agent' });
    expect(contactRecord.Agent.AgentInteractionDuration).toBeGreaterThanOrEqual(60);
    expect(contactRecord.AgentConnectionAttempts).toBe(1);
    const seconds =
      (Date.parse(contactRecord.DisconnectTimestamp) - Date.parse(contactRecord.InitiationTimestamp)) / 1000;
    expect(Math.abs(seconds - durationSeconds)).toBeLessThanOrEqual(1);
  });
});

describe('ivr call --queue', () => {
  it('hands the caller to the queue the flag describes: the wait is said, an agent answers when it says', async () => {
    const run = await ivrCall([
      '--from',
      '+923001234567',
      '--input',
      '0',
      '--input',
      '2',
      '--queue',
      'contacts=12,oldest=600,agents=0,answer=900',
      '--json',
    ]);

    expect(run.code).toBe(0);
    const { events, contactRecord } = JSON.parse(run.stdout);
    const said = events.flatMap((event: { type: string; text?: string }) =>
      event.type === 'prompt' ? [event.text] : [],
    );
    expect(said).toContainEqual(
      expect.stringContaining('The waiting time for our executive is about 15 minutes.'),
    );
    expect(contactRecord.Queue).toMatchObject({ Name: 'PK Deliveries', Duration: 900 });
  });
});

describe('ivr call --json with the functions logging', () => {
  it.each(['INFO', 'DEBUG'])(
    'prints only its object on stdout when POWERTOOLS_LOG_LEVEL is %s; the logs and metrics go to stderr',
    async (level) => {
      const run = await ivr(['call', '--from', '+923001234567', '--input', 'hangup', '--json'], {
        ...inject('databaseEnv'),
        POWERTOOLS_LOG_LEVEL: level,
        POWERTOOLS_METRICS_DISABLED: 'false',
      });

      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'self-served' });
      expect(run.stderr).toMatch(/"level":"INFO","message":"reply"/);
      expect(run.stderr).toContain('"_aws":');
      expect(run.stderr).not.toContain('+923001234567');
    },
  );
});

describe('ivr call --script', () => {
  it('says the scenario is met and exits 0', async () => {
    const run = await ivrCall(['--script', join(SCENARIOS, 'known-caller-one-order.yaml')]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Thank you, Ayesha');
    expect(run.stderr).toContain(
      'scenario met: A known caller with one order hears its status at once, and hangs up',
    );
  });

  it('lists what was not met and exits 1', async () => {
    const file = join(scratch, 'wrong.yaml');
    await writeFile(
      file,
      'from: "+923001234567"\ninputs: [0]\nexpect:\n  outcome: self-served\n  heard: ["Goodbye, Bilal"]\n',
    );

    const run = await ivrCall(['--script', file]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unmet: outcome: expected self-served, got transferred');
    expect(run.stderr).toContain('unmet: heard: nothing said "Goodbye, Bilal"');
  });

  it.each(scenarioFiles)('%s comes true', async (file) => {
    const scenario = loadScenario(join(SCENARIOS, file));

    const result = await call(scenario.from === 'anonymous' ? null : scenario.from, scenario.inputs, {
      ...(scenario.to ? { to: scenario.to } : {}),
      open: !scenario.closed,
      queue: scenario.queue?.metrics,
    });

    expect(unmetExpectations(result, scenario.expect)).toEqual([]);
  });
});

describe('ivr call --audio', () => {
  it('renders the whole call to an 8 kHz mono WAV as long as the call', async () => {
    const file = join(scratch, 'call.wav');

    const run = await ivrCall(['--from', '+923001234567', '--input', 'hangup', '--audio', file, '--json']);

    expect(run.code).toBe(0);
    const { durationSeconds } = JSON.parse(run.stdout);
    const wav = await readFile(file);
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    const seconds = (wav.length - 44) / (8000 * 2);
    expect(seconds).toBeGreaterThanOrEqual(durationSeconds - 0.5);
    expect(seconds).toBeLessThan(durationSeconds + 5);
  });
});

describe('ivr call with bad input', () => {
  it.each([
    [['--from', '923001234567'], 'ivr: --from 923001234567: give a number in E.164, such as +923001234567\n'],
    [['--input', 'dtmf:12a'], 'ivr: "dtmf:12a": keys are 0-9, * and #\n'],
    [
      ['--input', 'press 1'],
      'ivr: "press 1" is not an input: give 1, dtmf:123#, say:words, barge:…, silence, hangup, hangup:SECONDS or after-agent\n',
    ],
    [['--lex', 'remote'], 'ivr: --lex remote needs --bot-id and --alias-id\n'],
    [
      ['--queue', 'contacts=5,oldest=4m'],
      'ivr: --queue contacts=5,oldest=4m: give contacts=N,oldest=SECONDS,agents=N (and answer=SECONDS), each once, in whole numbers\n',
    ],
    [
      ['--script', '/nonexistent.yaml'],
      expect.stringMatching(/^ivr: cannot read the scenario \/nonexistent\.yaml: .*\n$/),
    ],
  ])('%s says what is wrong in one line and exits 1', async (args, message) => {
    const run = await ivrCall(args);

    expect(run).toMatchObject({ code: 1, stderr: message });
  });

  it('refuses a scenario file that is not one, naming the field', async () => {
    const file = join(scratch, 'bad.yaml');
    await writeFile(file, 'from: "+923001234567"\ninputs: [1]\nexpect:\n  outcome: happy\n');

    const run = await ivrCall(['--script', file]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ivr: .*bad\.yaml is not a scenario: expect\.outcome: /);
  });
});
