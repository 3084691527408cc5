/**
 * The one AMD tool release the generated scripts are written for and check: Vivado (block design,
 * bitstream) and Vitis HLS (the IP) 2024.1, the release PYNQ 3.1 builds its ZCU104 images with.
 */
export const PINNED_VIVADO_VERSION = '2024.1';

/**
 * IP catalogue entries the block design instantiates, without the version part of the VLNV: Vivado
 * takes the catalogue's (the pinned release's) version, so the script does not name IP versions it
 * would have to keep in step with the release.
 */
export const VIVADO_IPS = {
  ps: 'xilinx.com:ip:zynq_ultra_ps_e',
  dma: 'xilinx.com:ip:axi_dma',
  reset: 'xilinx.com:ip:proc_sys_reset',
  smartconnect: 'xilinx.com:ip:smartconnect',
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
