import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulationHeaders, emulationIncludeDir, kernelHeaders, kernelIncludeDir } from './paths';

describe('include directories', () => {
  it('are absolute and hold every listed header', () => {
    expect(isAbsolute(kernelIncludeDir())).toBe(true);
    expect(isAbsolute(emulationIncludeDir())).toBe(true);
    for (const h of kernelHeaders) expect(existsSync(join(kernelIncludeDir(), h)), h).toBe(true);
    for (const h of emulationHeaders) expect(existsSync(join(emulationIncludeDir(), h)), h).toBe(true);
  });

  it('lists every kernel header, and keeps the emulation out of the kernel include root', () => {
    const onDisk = readdirSync(join(kernelIncludeDir(), 'scanflow')).filter((f) => f.endsWith('.hpp'));
    expect(onDisk.map((f) => `scanflow/${f}`).sort()).toEqual([...kernelHeaders].sort());
    // Vitis gets -I include: it must not find an emulated ap_int.h / hls_stream.h there
    expect(existsSync(join(kernelIncludeDir(), 'ap_int.h'))).toBe(false);
    expect(existsSync(join(kernelIncludeDir(), 'hls_stream.h'))).toBe(false);
    expect(emulationIncludeDir()).toBe(join(kernelIncludeDir(), 'scanflow', 'emu'));
  });
});
