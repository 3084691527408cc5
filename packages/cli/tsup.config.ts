import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

export default defineConfig([packageBuild(['src/index.ts']), packageBuild(['src/bin.ts'], { dts: false, clean: false, banner: { js: '#!/usr/bin/env node' } })]);
