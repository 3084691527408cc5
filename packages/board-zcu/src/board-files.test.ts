import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oneLayerProject } from './board.test-support';
import { zcu104 } from './zcu104';

function hasTclsh(): boolean {
  try {
    execFileSync('tclsh', [], { input: 'exit 0\n', stdio: ['pipe', 'ignore', 'ignore'] });
    return true;
  } catch {
    return false;
  }
}
const tclsh = hasTclsh();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every Vivado command the scripts call is stubbed: actions are recorded with their arguments, queries return tokens. */
const STUB = String.raw`
set ::calls {}
foreach cmd {create_project set_property update_ip_catalog create_bd_design create_bd_cell apply_bd_automation connect_bd_intf_net connect_bd_net assign_bd_address validate_bd_design save_bd_design generate_target add_files update_compile_order launch_runs wait_on_run} {
  proc $cmd args [format {lappend ::calls [concat %s $args]} $cmd]
}
foreach q {get_bd_cells get_bd_pins get_bd_intf_pins get_bd_addr_spaces get_bd_addr_segs get_runs} {
  proc $q args [format {return "<%s $args>"} $q]
}
proc current_project {} { return <project> }
proc current_fileset {} { return <fileset> }
proc version {args} { return $::env(STUB_VERSION) }
proc make_wrapper args { lappend ::calls [concat make_wrapper $args]; return <wrapper.v> }
proc get_files args {
  if {[lindex $args 0] eq "-all"} { return $::env(STUB_HWH) }
  return "<get_files $args>"
}
proc get_property {name args} {
  if {$name eq "PROGRESS"} { return $::env(STUB_PROGRESS) }
  if {$name eq "DIRECTORY"} { return $::env(STUB_RUNDIR) }
  error "unexpected get_property $name"
}
rename exit __real_exit
proc exit {{code 0}} { foreach c $::calls { puts $c }; puts "exit $code"; __real_exit 0 }
source [lindex $argv 0]
puts "no exit"
`;

interface Run {
  lines: string[];
  stderr: string;
  root: string;
}

function runBitstreamScript(env: { version?: string; progress?: string; withIp?: boolean } = {}): Run {
  const root = mkdtempSync(join(tmpdir(), 'scanflow-board-'));
  dirs.push(root);
  const p = oneLayerProject();
  const files = zcu104().boardFiles!({ interface: p.interface, description: p.description });
  for (const [rel, text] of files) {
    mkdirSync(join(root, 'board', rel, '..'), { recursive: true });
    writeFileSync(join(root, 'board', rel), text);
  }
  if (env.withIp !== false) mkdirSync(join(root, 'hls', 'scanflow_top_prj', 'solution1', 'impl', 'ip'), { recursive: true });
  const rundir = join(root, 'runs', 'impl_1');
  mkdirSync(rundir, { recursive: true });
  writeFileSync(join(rundir, 'scanflow_top_bd_wrapper.bit'), 'BITSTREAM');
  writeFileSync(join(root, 'runs', 'scanflow_top_bd.hwh'), '<HWH/>');
  writeFileSync(join(root, 'stub.tcl'), STUB);
  const r = spawnSync('tclsh', [join(root, 'stub.tcl'), join(root, 'board', 'build_bitstream.tcl')], {
    encoding: 'utf8',
    env: { ...process.env, STUB_VERSION: env.version ?? '2024.1', STUB_PROGRESS: env.progress ?? '100%', STUB_RUNDIR: rundir, STUB_HWH: join(root, 'runs', 'scanflow_top_bd.hwh') },
  });
  return { lines: r.stdout.trim().split('\n'), stderr: r.stderr, root };
}

describe('board files of the ZCU104', () => {
  it('are block_design.tcl, build_bitstream.tcl and driver/ (driver, interface.json, accelerator.json), deterministic', () => {
    const one = zcu104().boardFiles!({ interface: oneLayerProject().interface, description: oneLayerProject().description });
    const two = zcu104().boardFiles!({ interface: oneLayerProject().interface, description: oneLayerProject().description });
    expect([...one.keys()]).toEqual(['block_design.tcl', 'build_bitstream.tcl', 'driver/scanflow_top_driver.py', 'driver/interface.json', 'driver/accelerator.json']);
    expect([...two]).toEqual([...one]);
    expect(one.get('driver/scanflow_top_driver.py')).toMatch(/\nTOP = 'scanflow_top'\nOVERLAY = 'scanflow_top'\n/);
    expect(one.get('driver/interface.json')).toBe(oneLayerProject().files.get('interface.json'));
  });

  it('refuse names that are not sanitised identifiers', () => {
    const p = oneLayerProject();
    const bad = { ...p.interface, top: 'x; exec rm -rf /' };
    expect(() => zcu104().boardFiles!({ interface: bad, description: p.description })).toThrow(/top function 'x; exec rm -rf \/' is not a plain identifier/);
    expect(() => zcu104().boardFiles!({ interface: p.interface, description: p.description, hlsFolder: '../hls; exec' })).toThrow(/not a plain relative path/);
  });
});

describe(`build_bitstream.tcl + block_design.tcl under tclsh with stub Vivado commands${tclsh ? '' : ' [skipped: tclsh not found; Debian package: tcl]'}`, () => {
  it.skipIf(!tclsh)('builds the block design, runs to the bitstream and copies .bit and .hwh to overlay/', () => {
    const { lines, stderr, root } = runBitstreamScript();
    expect(stderr).toBe('');
    const b = join(root, 'board');
    const ipRepo = join(root, 'hls', 'scanflow_top_prj', 'solution1', 'impl', 'ip');
    const pin = (p: string) => `{<get_bd_pins ${p}>}`;
    const ipin = (p: string) => `{<get_bd_intf_pins ${p}>}`;
    const space = '-target_address_space {<get_bd_addr_spaces ps/Data>}';
    expect(lines[0]).toBe(`scanflow: wrote ${b}/overlay/scanflow_top.bit and scanflow_top.hwh`);
    expect(lines.slice(1)).toEqual([
      `create_project -force scanflow_top_vivado ${b}/vivado -part xczu7ev-ffvc1156-2-e`,
      'set_property board_part xilinx.com:zcu104:part0:1.1 <project>',
      `set_property ip_repo_paths ${ipRepo} <project>`,
      'update_ip_catalog',
      'create_bd_design scanflow_top_bd',
      'create_bd_cell -type ip -vlnv xilinx.com:ip:zynq_ultra_ps_e ps',
      'apply_bd_automation -rule xilinx.com:bd_rule:zynq_ultra_ps_e -config {apply_board_preset "1"} {<get_bd_cells ps>}',
      'set_property -dict {CONFIG.PSU__USE__M_AXI_GP0 1 CONFIG.PSU__USE__M_AXI_GP1 0 CONFIG.PSU__USE__M_AXI_GP2 0 CONFIG.PSU__USE__S_AXI_GP2 1 CONFIG.PSU__FPGA_PL0_ENABLE 1 CONFIG.PSU__CRL_APB__PL0_REF_CTRL__FREQMHZ 200} {<get_bd_cells ps>}',
      'create_bd_cell -type ip -vlnv xilinx.com:ip:proc_sys_reset rst_pl',
      'create_bd_cell -type ip -vlnv xilinx.com:hls:scanflow_top accel',
      // input port in_x: 3 × INT4 in 8-bit containers = 24 bits → TDATA 32; MM2S only
      'create_bd_cell -type ip -vlnv xilinx.com:ip:axi_dma dma_in_x',
      'set_property -dict {CONFIG.c_include_sg 0 CONFIG.c_sg_length_width 26 CONFIG.c_include_mm2s 1 CONFIG.c_include_s2mm 0 CONFIG.c_m_axis_mm2s_tdata_width 32 CONFIG.c_m_axi_mm2s_data_width 32 CONFIG.c_mm2s_burst_size 16} {<get_bd_cells dma_in_x>}',
      `connect_bd_intf_net ${ipin('dma_in_x/M_AXIS_MM2S')} ${ipin('accel/in_x')}`,
      // output port out_y: 4 × INT10 in 16-bit containers = 64 bits → TDATA 64; S2MM only
      'create_bd_cell -type ip -vlnv xilinx.com:ip:axi_dma dma_out_y',
      'set_property -dict {CONFIG.c_include_sg 0 CONFIG.c_sg_length_width 26 CONFIG.c_include_mm2s 0 CONFIG.c_include_s2mm 1 CONFIG.c_s_axis_s2mm_tdata_width 64 CONFIG.c_m_axi_s2mm_data_width 64 CONFIG.c_s2mm_burst_size 16} {<get_bd_cells dma_out_y>}',
      `connect_bd_intf_net ${ipin('accel/out_y')} ${ipin('dma_out_y/S_AXIS_S2MM')}`,
      'create_bd_cell -type ip -vlnv xilinx.com:ip:smartconnect ctrl_sc',
      'set_property -dict {CONFIG.NUM_SI 1 CONFIG.NUM_MI 3} {<get_bd_cells ctrl_sc>}',
      `connect_bd_intf_net ${ipin('ps/M_AXI_HPM0_FPD')} ${ipin('ctrl_sc/S00_AXI')}`,
      `connect_bd_intf_net ${ipin('ctrl_sc/M00_AXI')} ${ipin('accel/s_axi_control')}`,
      `connect_bd_intf_net ${ipin('ctrl_sc/M01_AXI')} ${ipin('dma_in_x/S_AXI_LITE')}`,
      `connect_bd_intf_net ${ipin('ctrl_sc/M02_AXI')} ${ipin('dma_out_y/S_AXI_LITE')}`,
      'create_bd_cell -type ip -vlnv xilinx.com:ip:smartconnect mem_sc',
      'set_property -dict {CONFIG.NUM_SI 2 CONFIG.NUM_MI 1} {<get_bd_cells mem_sc>}',
      `connect_bd_intf_net ${ipin('dma_in_x/M_AXI_MM2S')} ${ipin('mem_sc/S00_AXI')}`,
      `connect_bd_intf_net ${ipin('dma_out_y/M_AXI_S2MM')} ${ipin('mem_sc/S01_AXI')}`,
      `connect_bd_intf_net ${ipin('mem_sc/M00_AXI')} ${ipin('ps/S_AXI_HP0_FPD')}`,
      `connect_bd_net ${pin('ps/pl_clk0')} ${['ps/maxihpm0_fpd_aclk', 'ps/saxihp0_fpd_aclk', 'rst_pl/slowest_sync_clk', 'accel/ap_clk', 'ctrl_sc/aclk', 'mem_sc/aclk', 'dma_in_x/s_axi_lite_aclk', 'dma_in_x/m_axi_mm2s_aclk', 'dma_out_y/s_axi_lite_aclk', 'dma_out_y/m_axi_s2mm_aclk'].map(pin).join(' ')}`,
      `connect_bd_net ${pin('ps/pl_resetn0')} ${pin('rst_pl/ext_reset_in')}`,
      `connect_bd_net ${pin('rst_pl/peripheral_aresetn')} ${['accel/ap_rst_n', 'ctrl_sc/aresetn', 'mem_sc/aresetn', 'dma_in_x/axi_resetn', 'dma_out_y/axi_resetn'].map(pin).join(' ')}`,
      `assign_bd_address -offset 0xA0000000 -range 64K ${space} {<get_bd_addr_segs accel/s_axi_control/Reg>}`,
      `assign_bd_address -offset 0xA0010000 -range 64K ${space} {<get_bd_addr_segs dma_in_x/S_AXI_LITE/Reg>}`,
      `assign_bd_address -offset 0xA0020000 -range 64K ${space} {<get_bd_addr_segs dma_out_y/S_AXI_LITE/Reg>}`,
      'assign_bd_address',
      'validate_bd_design',
      'save_bd_design',
      'generate_target all {<get_files scanflow_top_bd.bd>}',
      'make_wrapper -files {<get_files scanflow_top_bd.bd>} -top',
      'add_files -norecurse <wrapper.v>',
      'set_property top scanflow_top_bd_wrapper <fileset>',
      'update_compile_order -fileset sources_1',
      'launch_runs impl_1 -to_step write_bitstream -jobs 4',
      'wait_on_run impl_1',
      'exit 0',
    ]);
    expect(readFileSync(join(b, 'overlay', 'scanflow_top.bit'), 'utf8')).toBe('BITSTREAM');
    expect(readFileSync(join(b, 'overlay', 'scanflow_top.hwh'), 'utf8')).toBe('<HWH/>');
  });

  it.skipIf(!tclsh)('stops before doing anything in another Vivado release, with a clear message', () => {
    const { lines, stderr } = runBitstreamScript({ version: '2023.2' });
    expect(stderr.trim()).toBe('scanflow: build_bitstream.tcl is written for Vivado 2024.1 (pinned by @scanflow/board-zcu), this is Vivado 2023.2; run it with Vivado 2024.1');
    expect(lines).toEqual(['exit 1']);
  });

  it.skipIf(!tclsh)('stops when the HLS IP has not been exported', () => {
    const { lines, stderr, root } = runBitstreamScript({ withIp: false });
    expect(stderr.trim()).toBe(`scanflow: no HLS IP at ${join(root, 'hls', 'scanflow_top_prj', 'solution1', 'impl', 'ip')}; run 'vitis_hls -f run_hls.tcl' in ${join(root, 'hls')} first`);
    expect(lines).toEqual(['exit 1']);
  });

  it.skipIf(!tclsh)('stops when implementation did not finish, and copies nothing', () => {
    const { lines, stderr, root } = runBitstreamScript({ progress: '60%' });
    expect(stderr).toMatch(/scanflow: implementation did not finish/);
    expect(lines.slice(-2)).toEqual(['wait_on_run impl_1', 'exit 1']);
    expect(() => readFileSync(join(root, 'board', 'overlay', 'scanflow_top.bit'))).toThrow();
  });
});
