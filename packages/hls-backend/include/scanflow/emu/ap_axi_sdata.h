// scanflow C-simulation emulation of the AXI-Stream side-channel structs of Vitis <ap_axi_sdata.h>
// (g++ only; never on the Vitis include path).
//
// ap_axiu<D, U, TI, TD> (unsigned data) and ap_axis<D, U, TI, TD> (signed data) with the fields
// data, keep, strb, user, last, id, dest. A side channel of width 0 (U, TI or TD = 0, the usual
// choice) is stored here as a 1-bit field that hardware does not have; scanflow code never reads it.
#ifndef SCANFLOW_EMU_AP_AXI_SDATA_H
#define SCANFLOW_EMU_AP_AXI_SDATA_H

#include "ap_int.h"

template <int D, int U, int TI, int TD>
struct ap_axiu {
  ap_uint<D> data;
  ap_uint<(D + 7) / 8> keep;
  ap_uint<(D + 7) / 8> strb;
  ap_uint<(U > 0 ? U : 1)> user;
  ap_uint<1> last;
  ap_uint<(TI > 0 ? TI : 1)> id;
  ap_uint<(TD > 0 ? TD : 1)> dest;
};

template <int D, int U, int TI, int TD>
struct ap_axis {
  ap_int<D> data;
  ap_uint<(D + 7) / 8> keep;
  ap_uint<(D + 7) / 8> strb;
  ap_uint<(U > 0 ? U : 1)> user;
  ap_uint<1> last;
  ap_uint<(TI > 0 ? TI : 1)> id;
  ap_uint<(TD > 0 ? TD : 1)> dest;
};

#endif  // SCANFLOW_EMU_AP_AXI_SDATA_H
