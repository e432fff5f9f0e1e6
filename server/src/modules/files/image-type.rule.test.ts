import { describe, expect, it } from 'vitest';
import { isEvidenceContentType, mediaTypeOf, sniffImageType } from './image-type.rule.ts';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffImageType: the type the magic bytes say', () => {
  it.each([
    ['a JPEG (FF D8 FF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['a PNG signature', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 0x0d]), 'image/png'],
    ['a WEBP (RIFF....WEBP)', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['a RIFF that is not WEBP (WAVE)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), null],
    ['a PNG signature cut short', bytes([0x89], 'PNG', [0x0d, 0x0a]), null],
    ['two bytes of a JPEG', bytes([0xff, 0xd8]), null],
    ['a GIF', bytes('GIF89a'), null],
    ['text', bytes('hello, this is not an image'), null],
    ['nothing', bytes(), null],
  ])('%s → %s', (_what, input, expected) => {
    expect(sniffImageType(input)).toBe(expected);
  });

  it('reads a view into a larger buffer from its own start', () => {
    const whole = bytes('xx', [0xff, 0xd8, 0xff]);
    expect(sniffImageType(whole.subarray(2))).toBe('image/jpeg');
  });
});

describe('the declared Content-Type', () => {
  it.each([
    ['image/png', 'image/png', true],
    ['IMAGE/JPEG; charset=binary', 'image/jpeg', true],
    [' image/webp ', 'image/webp', true],
    ['image/gif', 'image/gif', false],
    ['text/plain', 'text/plain', false],
    ['', undefined, false],
    [undefined, undefined, false],
  ])('%j → %j (accepted: %s)', (header, type, accepted) => {
    expect(mediaTypeOf(header)).toBe(type);
    expect(isEvidenceContentType(mediaTypeOf(header))).toBe(accepted);
  });
});
