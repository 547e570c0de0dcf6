import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { parseWorkshop, sha256Hex, unlocks, workshopFileText, workshopFromHash, workshopHash, type Workshop } from '../../src/ui/site/workshop';

const KNOWN = ['01-create-cloneset', '02-scale-and-pvcs', '05-partition-canary'];
const nodeSha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with Node’s crypto on any text, block boundaries and Chinese included', () => {
    for (const n of [55, 56, 63, 64, 65, 119, 120]) expect(sha256Hex('a'.repeat(n))).toBe(nodeSha('a'.repeat(n)));
    expect(sha256Hex('解锁码')).toBe(nodeSha('解锁码'));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => sha256Hex(s) === nodeSha(s)), { numRuns: 200 });
  });
});

describe('parseWorkshop', () => {
  const file = `# a room of twenty
workshop: 1
title: CloneSet in 45 minutes
lessons:
  - 01-create-cloneset
  - 05-partition-canary
unlockCodeSha256: ${sha256Hex('kruise-rocks')}
speed: 2
largeText: true
lang: zh
`;

  it('reads the documented YAML file', () => {
    expect(parseWorkshop(file, KNOWN)).toEqual({
      ok: true,
      workshop: { title: 'CloneSet in 45 minutes', lessons: ['01-create-cloneset', '05-partition-canary'], unlockCodeSha256: sha256Hex('kruise-rocks'), speed: 2, largeText: true, lang: 'zh' },
    });
  });

  it('reads JSON and fills in the defaults', () => {
    expect(parseWorkshop('{"workshop": 1, "title": "Scale", "lessons": ["02-scale-and-pvcs"]}', KNOWN)).toEqual({
      ok: true,
      workshop: { title: 'Scale', lessons: ['02-scale-and-pvcs'], unlockCodeSha256: null, speed: 1, largeText: false, lang: null },
    });
  });

  it('names every problem', () => {
    const r = parseWorkshop('workshop: 2\ntitle: ""\nlessons: [01-create-cloneset, 99-nope, 01-create-cloneset]\nunlockCodeSha256: secret\nspeed: 100\nlargeText: yes please\nlang: fr\ncolour: red\n', KNOWN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'unknown field "colour" (known: workshop, title, lessons, unlockCodeSha256, speed, largeText, lang)',
      "workshop: expected 1 (the format's version)",
      'title: expected text of 1 to 200 characters',
      'lessons[1]: "99-nope" is not a lesson of this course',
      'lessons[2]: 01-create-cloneset is listed twice',
      'unlockCodeSha256: expected 64 hex digits (the SHA-256 of the unlock code)',
      'speed: expected a number from 0.25 to 20',
      'largeText: expected true or false',
      'lang: expected en or zh',
    ]);
  });

  it('gives the line of a YAML syntax error', () => {
    expect(parseWorkshop('workshop: 1\ntitle: [unclosed\nlessons: []\n', KNOWN)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^line \d+: not valid YAML/)] });
  });

  it('refuses what is not a mapping, and oversized files', () => {
    expect(parseWorkshop('- 01-create-cloneset\n', KNOWN).ok).toBe(false);
    expect(parseWorkshop('', KNOWN).ok).toBe(false);
    expect(parseWorkshop(`workshop: 1\ntitle: x\nlessons: [01-create-cloneset]\n#${'x'.repeat(20_000)}`, KNOWN)).toEqual({ ok: false, problems: ['the file is over 16 KB'] });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = parseWorkshop(text, KNOWN);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('workshop links and unlock codes', () => {
  const w: Workshop = { title: '灰度发布 · canary', lessons: ['05-partition-canary', '01-create-cloneset'], unlockCodeSha256: sha256Hex('open sesame'), speed: 4, largeText: true, lang: 'zh' };

  it('round-trips a workshop through its link, Chinese title included', () => {
    const hash = workshopHash(w);
    expect(hash).toMatch(/^#w=[A-Za-z0-9_-]+$/);
    expect(workshopFromHash(hash, KNOWN)).toEqual({ ok: true, workshop: w });
    expect(parseWorkshop(workshopFileText(w), KNOWN)).toEqual({ ok: true, workshop: w });
  });

  it('ignores a hash without a workshop and reports a damaged one', () => {
    expect(workshopFromHash('', KNOWN)).toBeNull();
    expect(workshopFromHash('#v1=abc', KNOWN)).toBeNull();
    expect(workshopFromHash('#w=%%%', KNOWN)).toEqual({ ok: false, problems: ['the link is damaged (it does not decode)'] });
    expect(workshopFromHash('#w=_-_-', KNOWN)).toEqual({ ok: false, problems: ['the link is damaged (it does not decode)'] });
    expect(workshopFromHash(`#w=${'A'.repeat(30_000)}`, KNOWN)).toEqual({ ok: false, problems: ['the link is too long to be a workshop'] });
  });

  it('unlocks solutions only with the right code (spaces around it do not matter)', () => {
    expect(unlocks(w, 'open sesame')).toBe(true);
    expect(unlocks(w, '  open sesame\n')).toBe(true);
    expect(unlocks(w, 'open sesame!')).toBe(false);
    expect(unlocks({ ...w, unlockCodeSha256: null }, '')).toBe(true);
  });

  it('keeps the code itself out of the link', () => {
    expect(atob(workshopHash(w).slice(3).replace(/-/g, '+').replace(/_/g, '/'))).not.toContain('open sesame');
  });
});
