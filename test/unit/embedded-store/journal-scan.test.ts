import { describe, expect, it } from 'vitest';
import { CorruptStoreError, scanJournal } from '../../../src/adapters/store/embedded-store/journal-scan.js';
import { decodeRecord, encodeRecord } from '../../../src/adapters/store/embedded-store/record-codec.js';

const commit = (s: number) => encodeRecord({ s, o: [['orders', `o${s}`, { _id: `o${s}`, title: '数控机床维修' }]] });
const bytes = (...parts: string[]) => Buffer.from(parts.join(''), 'utf8');

describe('journal records', () => {
  it('when a record is encoded, then it decodes to the same value and any changed byte is detected', () => {
    const line = encodeRecord({ s: 1, o: [['users', 'u1', { _id: 'u1', name: '张伟' }]] }).trimEnd();
    expect(decodeRecord(Buffer.from(line))).toEqual({ ok: true, value: { s: 1, o: [['users', 'u1', { _id: 'u1', name: '张伟' }]] } });
    const flipped = Buffer.from(line);
    flipped[20] = flipped[20]! ^ 0x01;
    expect(decodeRecord(flipped).ok).toBe(false);
  });
});

describe('scanning a journal', () => {
  it('when every commit is complete, then all are replayed and nothing is cut', () => {
    const scan = scanJournal(bytes(commit(1), commit(2), commit(3)), 'journal', 0);
    expect(scan.entries.map((e) => e.s)).toEqual([1, 2, 3]);
    expect(scan.torn).toBeNull();
    expect(scan.validBytes).toBe(bytes(commit(1), commit(2), commit(3)).length);
  });

  it('when the last commit is cut short, then the commits before it are kept and the torn bytes reported with the last good commit', () => {
    const good = bytes(commit(1), commit(2));
    const torn = commit(3).slice(0, 25);
    const scan = scanJournal(bytes(commit(1), commit(2), torn), 'journal', 0);
    expect(scan.entries.map((e) => e.s)).toEqual([1, 2]);
    expect(scan.validBytes).toBe(good.length);
    expect(scan.torn).toMatchObject({ bytes: Buffer.byteLength(torn), afterSeq: 2 });
  });

  it('when the tail is zeros left by a file extended but never written, then it is a torn tail', () => {
    const scan = scanJournal(Buffer.concat([bytes(commit(1)), Buffer.alloc(4096)]), 'journal', 0);
    expect(scan.entries).toHaveLength(1);
    expect(scan.torn?.bytes).toBe(4096);
  });

  it('when a record in the middle is damaged, then scanning refuses with the byte offset instead of skipping it', () => {
    const damaged = commit(2).replace('数控', '数按');
    const journal = bytes(commit(1), damaged, commit(3));
    expect(() => scanJournal(journal, 'journal.jsonl', 0)).toThrow(CorruptStoreError);
    expect(() => scanJournal(journal, 'journal.jsonl', 0)).toThrow(`journal.jsonl at byte ${Buffer.byteLength(commit(1))}`);
  });

  it('when a commit number is missing, then scanning refuses', () => {
    expect(() => scanJournal(bytes(commit(1), commit(3)), 'journal', 0)).toThrow(/commits are missing/);
  });

  it('when the journal still holds commits already in the snapshot, then they are skipped and the later ones replayed', () => {
    const scan = scanJournal(bytes(commit(4), commit(5), commit(6)), 'journal', 5);
    expect(scan.entries.map((e) => e.s)).toEqual([6]);
  });

  it('when lines were written before checksums existed, then they are still read', () => {
    const legacy = `${JSON.stringify({ s: 1, o: [['orders', 'o1', { _id: 'o1' }]] })}\n`;
    expect(scanJournal(bytes(legacy, commit(2)), 'journal', 0).entries.map((e) => e.s)).toEqual([1, 2]);
  });
});
