import { closeSync, openSync, writeSync } from 'node:fs';
import { FEATURE_ROWS, FI2010_ROWS, FIRST_LABEL_ROW, type Fi2010Data, LABEL_ROWS } from './fi2010-format';

/**
 * Writes samples in the FI-2010 text format: 149 lines of space-separated values in MATLAB's
 * `save -ascii` style (8 significant digits). The 104 hand-crafted feature rows, which this example
 * does not compute, are written as zeros.
 */
export function writeFi2010File(path: string, data: Fi2010Data): void {
  const { events, features, labels } = data;
  if (features.length !== events * FEATURE_ROWS) throw new RangeError(`features hold ${features.length} values, expected ${events} × ${FEATURE_ROWS}`);
  if (labels.length !== events * LABEL_ROWS) throw new RangeError(`labels hold ${labels.length} values, expected ${LABEL_ROWS} × ${events}`);
  const fd = openSync(path, 'w');
  try {
    const zeros = `${'  0'.repeat(events)}\n`;
    for (let r = 0; r < FI2010_ROWS; r++) {
      let text: string;
      if (r < FEATURE_ROWS) {
        const parts = new Array<string>(events);
        for (let t = 0; t < events; t++) parts[t] = features[t * FEATURE_ROWS + r].toExponential(7);
        text = `  ${parts.join('  ')}\n`;
      } else if (r >= FIRST_LABEL_ROW) {
        const h = r - FIRST_LABEL_ROW;
        text = `  ${Array.from(labels.subarray(h * events, (h + 1) * events), (v) => v.toFixed(1)).join('  ')}\n`;
      } else {
        text = zeros;
      }
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}
