import { describe, expect, it } from 'vitest';
import { typeConverterResources } from './type-converter';
import { widthConverterResources } from './width-converter';

describe('widthConverterResources (scanflow::stream_width_convert)', () => {
  it.each([
    // 8 → 16: buffer 24; g = 8, offsets 16/8 = 2, muxLuts(4) = 1 per bit → 24; counter bitsFor(23) = 5:
    // 5 + ⌈5/3⌉ = 7. LUT 31; FF 24 + 5 = 29.
    [8, 16, 31, 29],
    // 16 → 8: buffer 24; offsets 8/8 = 1, muxLuts(3) = 1 → 24; same counter. LUT 31, FF 29.
    [16, 8, 31, 29],
    // 24 → 16: buffer 40; g = 8, offsets 2 → 40; counter bitsFor(39) = 6: 6 + 2 = 8. LUT 48; FF 46.
    [24, 16, 48, 46],
    // 6 → 16: buffer 22; g = 2, offsets 8, muxLuts(10) = 3 → 66; counter bitsFor(21) = 5 → 7. LUT 73; FF 27.
    [6, 16, 73, 27],
    // equal widths: a register stage only.
    [8, 8, 0, 8],
  ])('%i → %i bits, inline: %i LUT, %i FF', (inBits, outBits, lut, ff) => {
    expect(widthConverterResources({ inBits, outBits, inline: true })).toMatchObject({ lut, ff, bram18: 0, dsp: 0 });
  });

  it('a stand-alone converter adds its loop control', () => {
    // 8 → 16 (31 LUT, 29 FF) + a loop of 6 trips: c = 3: LUT 3 + 1 + 10 = 14, FF 3 + 4 + 1 = 8.
    expect(widthConverterResources({ inBits: 8, outBits: 16, trips: 6 })).toMatchObject({ lut: 45, ff: 37 });
  });
});

describe('typeConverterResources (scanflow::convert_elements)', () => {
  it('the conversion is wiring; the stage registers the word', () => {
    // 4 lanes × 8 bits = 32 FF.
    expect(typeConverterResources({ fromBits: 6, toBits: 8, lanes: 4, inline: true })).toMatchObject({ lut: 0, ff: 32 });
    // + loop of 5 trips: c = 3 → LUT 14, FF 3 + 4 + 1 = 8.
    expect(typeConverterResources({ fromBits: 6, toBits: 8, lanes: 4, trips: 5 })).toMatchObject({ lut: 14, ff: 40 });
  });
});
