import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatedCall } from '#simulator/call.ts';
import { renderCallAudio } from '../../../cli/call/audio.ts';

describe('renderCallAudio', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('says plainly which tools are missing, and how to install them', async () => {
    process.env.PATH = '/nonexistent';

    await expect(renderCallAudio({} as SimulatedCall, 'en-GB', '/tmp/never.wav')).rejects.toThrow(
      '--audio needs espeak-ng and sox, which are not installed (Debian: apt-get install espeak-ng sox)',
    );
  });
});
