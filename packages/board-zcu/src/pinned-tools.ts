/**
 * The one AMD tool release the generated scripts are written for and check: Vivado (block design,
 * bitstream) and Vitis HLS (the IP) 2024.1, the release PYNQ 3.1 builds its ZCU104 images with.
 * The IP versions of the block design (zynq_ultra_ps_e 3.5, axi_dma 7.1, proc_sys_reset 5.0,
 * smartconnect 1.0) are that release's.
 */
export const PINNED_VIVADO_VERSION = '2024.1';

/** IP catalogue entries (VLNV) the block design instantiates, as shipped with {@link PINNED_VIVADO_VERSION}. */
export const VIVADO_IPS = {
  ps: 'xilinx.com:ip:zynq_ultra_ps_e:3.5',
  dma: 'xilinx.com:ip:axi_dma:7.1',
  reset: 'xilinx.com:ip:proc_sys_reset:5.0',
  smartconnect: 'xilinx.com:ip:smartconnect:1.0',
} as const;

/** Tcl lines that stop a Vivado script with a clear message unless it runs in the pinned release. */
export function vivadoVersionCheck(script: string): string[] {
  return [
    `set scanflow_vivado ${PINNED_VIVADO_VERSION}`,
    'if {[version -short] ne $scanflow_vivado} {',
    `  puts stderr "scanflow: ${script} is written for Vivado $scanflow_vivado (pinned by @scanflow/board-zcu), this is Vivado [version -short]; run it with Vivado $scanflow_vivado"`,
    '  exit 1',
    '}',
  ];
}
