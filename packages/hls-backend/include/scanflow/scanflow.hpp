// scanflow HLS kernel library: umbrella header (every kernel and helper).
#ifndef SCANFLOW_SCANFLOW_HPP
#define SCANFLOW_SCANFLOW_HPP

#include "axis.hpp"
#include "common.hpp"
#include "duplicate_streams.hpp"
#include "elementwise.hpp"
#include "mvau.hpp"
#include "recurrence.hpp"
#include "step.hpp"
#include "stream_width.hpp"
#include "thresholding.hpp"

#endif  // SCANFLOW_SCANFLOW_HPP
