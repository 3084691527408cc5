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

bool read_header(std::ifstream& f, const char* file, unsigned& cases) {
  std::string magic, tag;
  unsigned version = 0;
  if (!(f >> magic >> version >> tag >> cases) || magic != "${TEST_VECTOR_MAGIC}" || version != ${TEST_VECTOR_VERSION}u || tag != "cases") {
    std::printf("ERROR %s: not a ${TEST_VECTOR_MAGIC} ${TEST_VECTOR_VERSION} file\\n", file);
    return false;
  }
  return true;
}

bool read_case(std::ifstream& f, unsigned k, unsigned& seq_len) {
  std::string tag, tag2;
  unsigned index = 0;
  if (!(f >> tag >> index >> tag2 >> seq_len) || tag != "case" || index != k || tag2 != "seq_len") {
    std::printf("ERROR: expected 'case %u seq_len <T>' in the test vectors\\n", k);
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

/** C++ element count of a port in the current case. */
const count = (p: HlsPort): string => (p.sequence ? `${p.sequence.elementsPerStep}ull * seq_len` : `${p.elements}ull`);

function feedInput(p: HlsPort): string[] {
  const v = `v_${p.name}`;
  return [
    `    // input ${p.name}: ${p.elementType}, ${p.lanes} per beat in ${p.containerBits}-bit slots`,
    `    std::vector<long long> ${v};`,
    `    if (!read_port(fin, "${p.name}", ${count(p)}, ${v})) return finish(2);`,
    `    hls::stream<scanflow::axis_beat<${p.axiBits}> > ${p.name}("${p.name}");`,
    `    for (unsigned long long w = 0; w < ${count(p)} / ${p.lanes}ull; ++w) {`,
    `      scanflow::axis_beat<${p.axiBits}> beat;`,
    '      beat.data = 0;',
    `      for (unsigned p = 0; p < ${p.lanes}u; ++p) {`,
    `        const ap_int<${p.containerBits + 1}> e = ${p.elementType}(${v}[w * ${p.lanes}ull + p]);`,
    `        beat.data.range((p + 1) * ${p.containerBits}u - 1, p * ${p.containerBits}u) = e.range(${p.containerBits - 1}, 0);`,
    '      }',
    '      beat.keep = -1;',
    '      beat.strb = -1;',
    `      beat.last = (w + 1 == ${count(p)} / ${p.lanes}ull) ? 1 : 0;`,
    `      ${p.name}.write(beat);`,
    '    }',
  ];
}

function checkOutput(p: HlsPort): string[] {
  const beats = `${count(p)} / ${p.lanes}ull`;
  return [
    `    {  // output ${p.name}: ${p.elementType}, ${p.lanes} per beat in ${p.containerBits}-bit slots`,
    '      std::vector<long long> want;',
    `      if (!read_port(fexp, "${p.name}", ${count(p)}, want)) return finish(2);`,
    `      fout << "port ${p.name} " << ${count(p)} << "\\n";`,
    `      for (unsigned long long w = 0; w < ${beats}; ++w) {`,
    `        if (${p.name}.empty()) {`,
    `          std::printf("MISSING port=${p.name} beats=%llu of %llu\\n", w, ${beats});`,
    `          g_mismatches += (${beats} - w) * ${p.lanes}ull;`,
    `          for (unsigned long long k = w * ${p.lanes}ull; k < ${count(p)}; ++k) fout << 0 << "\\n";`,
    '          break;',
    '        }',
    `        const scanflow::axis_beat<${p.axiBits}> beat = ${p.name}.read();`,
    `        if (beat.last.to_uint64() != ((w + 1 == ${beats}) ? 1u : 0u)) {`,
    `          std::printf("TLAST port=${p.name} beat=%llu\\n", w);`,
    '          ++g_mismatches;',
    '        }',
    `        for (unsigned p = 0; p < ${p.lanes}u; ++p) {`,
    `          const unsigned long long i = w * ${p.lanes}ull + p;`,
    `          const ap_uint<${p.containerBits}> slot = beat.data.range((p + 1) * ${p.containerBits}u - 1, p * ${p.containerBits}u);`,
    `          const long long got = ${p.signed ? `ap_int<${p.containerBits}>(slot).to_int64()` : 'slot.to_int64()'};`,
    `          // the slot must be the element ${p.signed ? 'sign' : 'zero'}-extended`,
    `          if (got != ${p.elementType}(got).to_int64()) {`,
    `            std::printf("PADDING port=${p.name} index=%llu slot=%lld\\n", i, got);`,
    '            ++g_mismatches;',
    '          }',
    '          ++g_checked;',
    '          fout << got << "\\n";',
    `          if (got != want[i]) report("${p.name}", i, got, want[i]);`,
    '        }',
    ...(p.lanes * p.containerBits < p.axiBits
      ? [
          `        if (ap_uint<${p.axiBits - p.lanes * p.containerBits}>(beat.data.range(${p.axiBits - 1}, ${p.lanes * p.containerBits})) != 0) {`,
          `          std::printf("PADDING port=${p.name} beat=%llu (bits above the slots are not zero)\\n", w);`,
          '          ++g_mismatches;',
          '        }',
        ]
      : []),
    '      }',
    '      unsigned long long extra = 0;',
    `      while (!${p.name}.empty()) {`,
    `        (void)${p.name}.read();`,
    '        ++extra;',
    '      }',
    '      if (extra) {',
    `        std::printf("EXTRA port=${p.name} beats=%llu\\n", extra);`,
    '        g_mismatches += extra;',
    '      }',
    '    }',
  ];
}

/**
 * tb/<top>_tb.cpp: reads inputs.txt / expected.txt (from the folder given as the first argument,
 * else the current folder, else tb/), and for every test case feeds the input ports in port
 * layout 2 (sign- or zero-extended slots, TLAST on the last beat), runs the top once with the
 * case's sequence length, checks every output element, its slot's extension, the zero padding,
 * TLAST, missing / extra beats and unread inputs, and writes what it read to the file given as the
 * second argument (default actual.txt; same format). Prints up to 20 `MISMATCH` lines and a final
 * `SCANFLOW CSIM PASS|FAIL checked=N mismatches=M` line; exit status 0 on pass.
 */
export function generateTestbench(top: string, ports: { inputs: readonly HlsPort[]; outputs: readonly HlsPort[] }, withSeqLen: boolean): string {
  [...ports.inputs, ...ports.outputs].forEach(checkWidth);
  const args = [...ports.inputs, ...ports.outputs].map((p) => p.name);
  if (withSeqLen) args.push('seq_len');
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
    '  const std::string actual = argc > 2 ? std::string(argv[2]) : std::string("actual.txt");',
    '  std::ifstream fin, fexp;',
    '  if (!open_file(fin, dir, "inputs.txt") || !open_file(fexp, dir, "expected.txt")) {',
    '    std::printf("ERROR: cannot open inputs.txt and expected.txt (give their folder as the first argument)\\n");',
    '    return finish(2);',
    '  }',
    '  unsigned cases = 0, cases_expected = 0;',
    '  if (!read_header(fin, "inputs.txt", cases) || !read_header(fexp, "expected.txt", cases_expected)) return finish(2);',
    '  if (cases != cases_expected) {',
    '    std::printf("ERROR: inputs.txt has %u case(s), expected.txt %u\\n", cases, cases_expected);',
    '    return finish(2);',
    '  }',
    '  std::ofstream fout(actual.c_str());',
    `  fout << "${TEST_VECTOR_MAGIC} ${TEST_VECTOR_VERSION}\\ncases " << cases << "\\n";`,
    '  for (unsigned k = 0; k < cases; ++k) {',
    '    unsigned seq_len = 0, seq_len_expected = 0;',
    '    if (!read_case(fin, k, seq_len) || !read_case(fexp, k, seq_len_expected)) return finish(2);',
    '    fout << "case " << k << " seq_len " << seq_len << "\\n";',
    ...(withSeqLen ? [] : ['    (void)seq_len;']),
    ...ports.inputs.flatMap(feedInput),
    ...ports.outputs.map((p) => `    hls::stream<scanflow::axis_beat<${p.axiBits}> > ${p.name}("${p.name}");`),
    '#ifdef SCANFLOW_CSIM_TRIPS',
    '    scanflow::csim::reset_trips();',
    '#endif',
    '    try {',
    `      ${top}(${args.join(', ')});`,
    '    } catch (const std::exception& e) {',
    '      std::printf("ERROR: the top function failed: %s\\n", e.what());',
    '      return finish(3);',
    '    }',
    '#ifdef SCANFLOW_CSIM_TRIPS',
    '    for (std::map<std::string, unsigned long long>::const_iterator it = scanflow::csim::trip_counts().begin(); it != scanflow::csim::trip_counts().end(); ++it) {',
    '      std::printf("TRIPS case=%u kernel=%s count=%llu\\n", k, it->first.c_str(), it->second);',
    '    }',
    '#endif',
    ...ports.outputs.flatMap(checkOutput),
    ...ports.inputs.flatMap((p) => [
      `    if (!${p.name}.empty()) {`,
      `      std::printf("UNREAD port=${p.name} beats=%llu\\n", static_cast<unsigned long long>(${p.name}.size()));`,
      '      ++g_mismatches;',
      '    }',
    ]),
    '  }',
    '  return finish(0);',
    '}',
    '',
  ].join('\n');
}
