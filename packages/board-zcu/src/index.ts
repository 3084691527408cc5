export type { BoardDefinition } from './board';
export { FINN_ZCU104_PLANNING, XCZU7EV_RESOURCES, ZCU104_CLOCK_PERIOD_NS, zcu104 } from './zcu104';
export { boardsOf, boardsPlugin, findBoard, UnknownBoardError } from './boards-plugin';
export { fitsBoard, latencyMicroseconds, type ResourceUse, type Utilisation, utilisation } from './utilisation';
