import { HW_DOMAIN } from '@scanflow/ir';

/** The domain of the built-in hardware layers. */
export const HW_LAYER_DOMAIN = HW_DOMAIN;
