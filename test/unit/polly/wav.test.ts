import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWav, WavFormatError, wavFromPcm } from '#lib/speech/wav.ts';

describe('wavFromPcm', () => {
  it("writes the RIFF header of 8 kHz 16-bit mono PCM, as Connect's prompt library takes it", () => {
    const pcm = new Uint8Array(16_000);

    const wav = wavFromPcm(pcm);

    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(36 + 16_000);
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt32LE(16)).toBe(16);
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt32LE(28)).toBe(16_000);
    expect(wav.readUInt16LE(32)).toBe(2);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.toString('ascii', 36, 40)).toBe('data');
    expect(wav.readUInt32LE(40)).toBe(16_000);
    expect(wav.length).toBe(44 + 16_000);
  });

  it('reads back the samples it wrote, and how long they play', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -32_768, max: 32_767 }), { maxLength: 4000 }), (samples) => {
        const pcm = new Uint8Array(Int16Array.from(samples).buffer);

        const wav = parseWav(wavFromPcm(pcm));

        expect(wav).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16 });
        expect(wav.seconds).toBeCloseTo(samples.length / 8000, 9);
        expect([...new Int16Array(wav.data.buffer, wav.data.byteOffset, wav.data.length / 2)]).toEqual(
          samples,
        );
      }),
    );
  });

  it('reads past chunks it does not need, such as the LIST chunk sox writes', () => {
    const wav = wavFromPcm(new Uint8Array(8));
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc\0')]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);

    expect(parseWav(withList).data.length).toBe(8);
  });

  it('refuses a file that is not a WAV', () => {
    expect(() => parseWav(Buffer.from('ID3 an mp3 file, not a wav'))).toThrow(WavFormatError);
  });
});
