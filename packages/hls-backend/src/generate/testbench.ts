import { HlsCodegenError } from '../codegen/errors';
import { GENERATED_NOTE } from './files';
import type { HlsPort } from './ports';
import { TEST_VECTOR_MAGIC, TEST_VECTOR_VERSION } from './test-vectors';

/** Most mismatches the testbench prints (it counts them all). */
export const MAX_REPORTED_MISMATCHES = 20;

function checkWidth(p: HlsPort): void {
  if (p.elementBits > (p.signed ? 64 : 63)) {
    throw new HlsCodegenError(`port ${p.name}: ${p.elementType} elements do not fit the testbench's 64-bit integers`);
  }
}

const PRELUDE = `namespace {

unsigned long long g_checked = 0;
unsigned long long g_mismatches = 0;

bool open_file(std::ifstream& f, const std::string& dir, const char* file) {
  const std::string candidates[3] = {dir.empty() ? std::string(file) : dir + "/" + file, std::string(file),
                                     std::string("tb/") + file};
  for (unsigned i = 0; i < 3; ++i) {
    f.open(candidates[i].c_str());
    if (f.is_open()) return true;
    f.clear();
  }
  return false;
}

bool read_header(std::ifstream& f, const char* file) {
  std::string magic;
  unsigned version = 0;
  if (!(f >> magic >> version) || magic != "${TEST_VECTOR_MAGIC}" || version != ${TEST_VECTOR_VERSION}u) {
    std::printf("ERROR %s: not a ${TEST_VECTOR_MAGIC} ${TEST_VECTOR_VERSION} file\\n", file);
    return false;
  }
  return true;
}

bool read_port(std::ifstream& f, const char* port, unsigned long long count, std::vector<long long>& values) {
  std::string tag, name;
  unsigned long long n = 0;
  if (!(f >> tag >> name >> n) || tag != "port" || name != port || n != count) {
    std::printf("ERROR: expected 'port %s %llu' in the test vectors\\n", port, count);
    return false;
  }
  values.resize(count);
  for (unsigned long long i = 0; i < count; ++i) {
    if (!(f >> values[i])) {
      std::printf("ERROR: port %s: element %llu is missing\\n", port, i);
      return false;
    }
  }
  return true;
}

void report(const char* port, unsigned long long index, long long got, long long want) {
  ++g_mismatches;
  if (g_mismatches <= ${MAX_REPORTED_MISMATCHES}) {
    std::printf("MISMATCH port=%s index=%llu got=%lld expected=%lld\\n", port, index, got, want);
  }
}

int finish(int status) {
  std::printf("SCANFLOW CSIM %s checked=%llu mismatches=%llu\\n", status == 0 && g_mismatches == 0 ? "PASS" : "FAIL",
              g_checked, g_mismatches);
  return status != 0 ? status : (g_mismatches ? 1 : 0);
}

}  // namespace
`;

function feedInput(p: HlsPort): string[] {
  const v = `v_${p.name}`;
  return [
    `  // input ${p.name}: ${p.elements} x ${p.elementType}, ${p.lanes} per beat`,
    `  std::vector<long long> ${v};`,
    `  if (!read_port(fin, "${p.name}", ${p.elements}ull, ${v})) return finish(2);`,
    `  hls::stream<scanflow::axis_beat<${p.axiBits}> > ${p.name}("${p.name}");`,
    `  for (unsigned long long w = 0; w < ${p.beats}ull; ++w) {`,
    `    ap_uint<${p.wordBits}> word = 0;`,
    `    for (unsigned p = 0; p < ${p.lanes}u; ++p) {`,
    `      scanflow::set_elem<${p.elementType} >(word, p, ${p.elementType}(${v}[w * ${p.lanes}ull + p]));`,
    '    }',
    `    scanflow::axis_beat<${p.axiBits}> beat;`,
    '    beat.data = word;',
    '    beat.keep = -1;',
    '    beat.strb = -1;',
    `    beat.last = (w + 1 == ${p.beats}ull) ? 1 : 0;`,
    `    ${p.name}.write(beat);`,
    '  }',
  ];
}

function checkOutput(p: HlsPort): string[] {
  return [
    `  {  // output ${p.name}: ${p.elements} x ${p.elementType}, ${p.lanes} per beat`,
    '    std::vector<long long> want;',
    `    if (!read_port(fexp, "${p.name}", ${p.elements}ull, want)) return finish(2);`,
    `    for (unsigned long long w = 0; w < ${p.beats}ull; ++w) {`,
    `      if (${p.name}.empty()) {`,
    `        std::printf("MISSING port=${p.name} beats=%llu of %llu\\n", w, ${p.beats}ull);`,
    `        g_mismatches += (${p.beats}ull - w) * ${p.lanes}ull;`,
    '        break;',
    '      }',
    `      const scanflow::axis_beat<${p.axiBits}> beat = ${p.name}.read();`,
    `      if (beat.last.to_uint64() != ((w + 1 == ${p.beats}ull) ? 1u : 0u)) {`,
    `        std::printf("TLAST port=${p.name} beat=%llu\\n", w);`,
    '        ++g_mismatches;',
    '      }',
    `      const ap_uint<${p.wordBits}> word = ap_uint<${p.wordBits}>(beat.data);`,
    `      for (unsigned p = 0; p < ${p.lanes}u; ++p) {`,
    `        const unsigned long long i = w * ${p.lanes}ull + p;`,
    `        const long long got = scanflow::get_elem<${p.elementType} >(word, p).to_int64();`,
    '        ++g_checked;',
    `        if (got != want[i]) report("${p.name}", i, got, want[i]);`,
    '      }',
    '    }',
    '    unsigned long long extra = 0;',
    `    while (!${p.name}.empty()) {`,
    `      (void)${p.name}.read();`,
    '      ++extra;',
    '    }',
    '    if (extra) {',
    `      std::printf("EXTRA port=${p.name} beats=%llu\\n", extra);`,
    '      g_mismatches += extra;',
    '    }',
    '  }',
  ];
}

/**
 * tb/<top>_tb.cpp: reads inputs.txt / expected.txt (from the folder given as the first argument,
 * else the current folder, else tb/), feeds the input ports, runs the top once, checks every
 * output element, TLAST, missing / extra beats and unread inputs, prints up to 20 `MISMATCH`
 * lines and a final `SCANFLOW CSIM PASS|FAIL checked=N mismatches=M` line; exit status 0 on pass.
 */
export function generateTestbench(top: string, ports: { inputs: readonly HlsPort[]; outputs: readonly HlsPort[] }): string {
  [...ports.inputs, ...ports.outputs].forEach(checkWidth);
  const args = [...ports.inputs, ...ports.outputs].map((p) => p.name).join(', ');
  return [
    `// ${GENERATED_NOTE}`,
    `// C-simulation testbench of ${top} (test vectors: ${TEST_VECTOR_MAGIC} ${TEST_VECTOR_VERSION}, see the package README).`,
    '#include <cstdio>',
    '#include <exception>',
    '#include <fstream>',
    '#include <string>',
    '#include <vector>',
    '',
    `#include "${top}.hpp"`,
    '',
    PRELUDE,
    'int main(int argc, char** argv) {',
    '  const std::string dir = argc > 1 ? std::string(argv[1]) : std::string();',
    '  std::ifstream fin, fexp;',
    '  if (!open_file(fin, dir, "inputs.txt") || !open_file(fexp, dir, "expected.txt")) {',
    '    std::printf("ERROR: cannot open inputs.txt and expected.txt (give their folder as the first argument)\\n");',
    '    return finish(2);',
    '  }',
    '  if (!read_header(fin, "inputs.txt") || !read_header(fexp, "expected.txt")) return finish(2);',
    ...ports.inputs.flatMap(feedInput),
    ...ports.outputs.map((p) => `  hls::stream<scanflow::axis_beat<${p.axiBits}> > ${p.name}("${p.name}");`),
    '  try {',
    `    ${top}(${args});`,
    '  } catch (const std::exception& e) {',
    '    std::printf("ERROR: the top function failed: %s\\n", e.what());',
    '    return finish(3);',
    '  }',
    ...ports.outputs.flatMap(checkOutput),
    ...ports.inputs.flatMap((p) => [
      `  if (!${p.name}.empty()) {`,
      `    std::printf("UNREAD port=${p.name} beats=%llu\\n", static_cast<unsigned long long>(${p.name}.size()));`,
      '    ++g_mismatches;',
      '  }',
    ]),
    '  return finish(0);',
    '}',
    '',
  ].join('\n');
}
