import { crc32 } from 'node:zlib';

/**
 * One line of the journal or the snapshot: `<crc32 as 8 hex digits> <json>\n`. The checksum covers the
 * JSON bytes, so a line that was cut short, overwritten or bit-flipped is told apart from a good one
 * instead of being parsed into something plausible. JSON never holds a raw newline, so the newline ends
 * the record and its length is where the newline is.
 */
export function encodeRecord(value: unknown): string {
  const body = JSON.stringify(value);
  return `${crc32(body).toString(16).padStart(8, '0')} ${body}\n`;
}

export type Decoded = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Decodes one line without its newline. Lines written before checksums existed (they start with `{`)
 * are accepted on their JSON alone, so a data directory from an earlier version still opens.
 */
export function decodeRecord(line: Buffer): Decoded {
  if (line.length > 0 && line[0] === 0x7b) {
    try {
      return { ok: true, value: JSON.parse(line.toString('utf8')) };
    } catch {
      return { ok: false, reason: 'unparseable line without checksum' };
    }
  }
  if (line.length < 10 || line[8] !== 0x20) return { ok: false, reason: 'no checksum header' };
  const expected = Number.parseInt(line.subarray(0, 8).toString('latin1'), 16);
  const body = line.subarray(9);
  if (!/^[0-9a-f]{8}$/.test(line.subarray(0, 8).toString('latin1')) || crc32(body) !== expected) return { ok: false, reason: 'checksum mismatch' };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false, reason: 'checksum matches but JSON does not parse' };
  }
}

/** A complete line (ended by a newline) or the unterminated rest of the file, with its byte offsets. */
export interface RawLine {
  start: number;
  /** Offset of the newline, or the file's length when the line is unterminated. */
  end: number;
  terminated: boolean;
}

export function* splitLines(buffer: Buffer): Generator<RawLine> {
  let start = 0;
  while (start < buffer.length) {
    const newline = buffer.indexOf(0x0a, start);
    if (newline === -1) {
      yield { start, end: buffer.length, terminated: false };
      return;
    }
    yield { start, end: newline, terminated: true };
    start = newline + 1;
  }
}
