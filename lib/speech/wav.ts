/**
 * WAV files for Connect's prompt library, which takes 8 kHz 16-bit mono audio. Polly's `pcm` output is exactly
 * those samples (signed 16-bit little-endian, mono) with no header, so a WAV is the 44-byte RIFF header that
 * describes them, followed by the samples.
 */

/** The format Connect's prompts take, and the one we ask Polly for. */
export const PROMPT_AUDIO = { sampleRate: 8000, channels: 1, bitsPerSample: 16 } as const;

export interface WavFormat {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
}

/** A file that is not the plain PCM WAV we write. */
export class WavFormatError extends Error {
  override name = 'WavFormatError';
}

const HEADER_BYTES = 44;
const PCM = 1;

/** `pcm` (16-bit little-endian samples) as a WAV file of `format`. */
export function wavFromPcm(pcm: Uint8Array, format: WavFormat = PROMPT_AUDIO): Buffer {
  const blockAlign = (format.channels * format.bitsPerSample) / 8;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(HEADER_BYTES - 8 + pcm.byteLength, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(PCM, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(format.bitsPerSample, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.byteLength, 40);
  return Buffer.concat([header, pcm]);
}

/** What a WAV file holds: its format, its samples and how long they play. */
export interface WavContent extends WavFormat {
  data: Buffer;
  seconds: number;
}

/**
 * Reads a PCM WAV back, walking its chunks (sox and espeak-ng may add a `LIST` chunk before `data`); throws a
 * WavFormatError for anything else.
 */
export function parseWav(file: Buffer): WavContent {
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavFormatError('not a RIFF WAVE file');
  }
  let format: WavFormat | undefined;
  for (let at = 12; at + 8 <= file.length; ) {
    const id = file.toString('ascii', at, at + 4);
    const size = file.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      if (file.readUInt16LE(body) !== PCM) throw new WavFormatError('the samples are not plain PCM');
      format = {
        channels: file.readUInt16LE(body + 2),
        sampleRate: file.readUInt32LE(body + 4),
        bitsPerSample: file.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('the data chunk comes before the fmt chunk');
      const data = file.subarray(body, Math.min(body + size, file.length));
      const bytesPerSecond = (format.sampleRate * format.channels * format.bitsPerSample) / 8;
      return { ...format, data, seconds: data.length / bytesPerSecond };
    }
    // Chunks are padded to an even length.
    at = body + size + (size % 2);
  }
  throw new WavFormatError('no data chunk');
}
