import { OrderBook } from './order-book';
import { FlowRandom } from './random';

/**
 * A synthetic limit-order-book generator: a zero-intelligence order flow (limit orders,
 * cancellations and market orders arriving one event at a time) whose buy / sell balance is
 * modulated by a hidden three-state regime, so that the book's shape carries information about the
 * next mid-price moves. The model, per event n (README "The synthetic order book"):
 *
 * - Regime R_n ∈ {−1, 0, +1} (selling, balanced, buying): a Markov chain that, with probability
 *   `regimeSwitch` per event, jumps to one of the other two states (equally likely).
 * - Event type: limit order, market order or cancellation with probabilities `limit`, `market`,
 *   `cancel`.
 * - Side: a limit order is a buy with probability (1 + κ_L R)/2, a market order a buy with
 *   probability (1 + κ_M R)/2; a cancellation hits the ask side with probability (1 + κ_C R)/2
 *   (so a buying regime thickens the bid side, thins the ask side and lifts the asks).
 * - Price: a buy limit order rests d ticks below the best ask, a sell limit order d ticks above the
 *   best bid, with d ∈ {1 … maxDistance} and P(d) ∝ d^(−placementDecay) — inside the spread when
 *   d is small, never crossing.
 * - Sizes (lots): geometric with means `meanLimitSize`, `meanMarketSize`, `meanCancelSize`; a
 *   cancellation picks its level with probability proportional to the level's resting volume
 *   among the `maxDistance` best levels of its side; a market order walks the opposite side.
 * - A background liquidity provider keeps at least `minDepth` non-empty levels on each side by
 *   adding `meanLimitSize` lots one tick beyond the deepest level.
 *
 * Every `eventsPerSample` events the book is sampled (FI-2010 samples every 10 events): ask price,
 * ask volume, bid price, bid volume for each of the `levels` best non-empty levels (prices in
 * currency units, volumes in shares = lots × 100), and the mid-price (p_a¹ + p_b¹)/2.
 */
export interface OrderFlowParams {
  regimeSwitch: number;
  limit: number;
  market: number;
  cancel: number;
  limitTilt: number;
  marketTilt: number;
  cancelTilt: number;
  maxDistance: number;
  placementDecay: number;
  meanLimitSize: number;
  meanMarketSize: number;
  meanCancelSize: number;
  minDepth: number;
}

export interface LobGeneratorOptions {
  seed: number;
  /** Samples recorded per day. */
  samplesPerDay: number;
  /** Extra samples simulated after each day's last one, so its labels can look ahead (default 10). */
  lookahead?: number;
  /** Events between samples (default 10, as FI-2010). */
  eventsPerSample?: number;
  /** Book levels per side in a sample (default 10, as FI-2010). */
  levels?: number;
  /** Tick size in currency units (default 0.01) and the opening price (default 100). */
  tick?: number;
  openPrice?: number;
  /** Events run before the first sample of a day so the book reaches its usual shape (default 2000). */
  warmupEvents?: number;
  flow?: Partial<OrderFlowParams>;
}

export const DEFAULT_FLOW: OrderFlowParams = {
  regimeSwitch: 1 / 1500,
  limit: 0.5,
  market: 0.12,
  cancel: 0.38,
  limitTilt: 0.3,
  marketTilt: 0.6,
  cancelTilt: 0.3,
  maxDistance: 20,
  placementDecay: 0.7,
  meanLimitSize: 3,
  meanMarketSize: 3,
  meanCancelSize: 3,
  minDepth: 12,
};

/** One simulated trading day. */
export interface LobDay {
  /** [samples × 4·levels]: per level ask price, ask volume, bid price, bid volume. */
  features: Float64Array;
  /** Mid-price of every sample, the lookahead samples included ([samples + lookahead]). */
  mids: Float64Array;
  /** The hidden regime at each sample (−1, 0, +1), for diagnostics only. */
  regimes: Int8Array;
  samples: number;
}

const SHARES_PER_LOT = 100;

/** Simulates one day of the order flow; `day` selects an independent stream of the seed. */
export function simulateDay(options: LobGeneratorOptions, day: number): LobDay {
  const flow = { ...DEFAULT_FLOW, ...options.flow };
  const total = flow.limit + flow.market + flow.cancel;
  if (!(Math.abs(total - 1) < 1e-9)) throw new RangeError(`flow.limit + flow.market + flow.cancel must be 1, got ${total}`);
  const levels = options.levels ?? 10;
  const perSample = options.eventsPerSample ?? 10;
  const lookahead = options.lookahead ?? 10;
  const tick = options.tick ?? 0.01;
  const open = Math.round((options.openPrice ?? 100) / tick);
  const samples = options.samplesPerDay;
  const rnd = new FlowRandom((options.seed * 7919 + day * 104729) >>> 0);
  const book = new OrderBook(2 * open);
  const D = flow.maxDistance;
  const placement = Float64Array.from({ length: D }, (_, k) => Math.pow(k + 1, -flow.placementDecay));

  for (let d = 1; d <= D; d++) {
    book.addBid(open - d, rnd.geometric(2 * flow.meanLimitSize));
    book.addAsk(open + d, rnd.geometric(2 * flow.meanLimitSize));
  }
  let regime = rnd.categorical([1, 1, 1]) - 1;
  const scan = new Float64Array(2 * Math.max(D, flow.minDepth, levels));
  const weights = new Float64Array(D);

  const cancelOn = (side: 'bid' | 'ask'): void => {
    const n = book.levels(side, D, scan);
    if (n === 0) return;
    let sum = 0;
    for (let k = 0; k < n; k++) sum += (weights[k] = scan[2 * k + 1]);
    const k = rnd.categorical(weights.subarray(0, n), sum);
    const p = scan[2 * k];
    const lots = rnd.geometric(flow.meanCancelSize);
    if (side === 'bid') book.cancelBid(p, lots);
    else book.cancelAsk(p, lots);
  };
  const refill = (): void => {
    if (book.bestBid < 0) book.addBid((book.bestAsk >= 0 ? book.bestAsk : open) - 1, flow.meanLimitSize);
    if (book.bestAsk < 0) book.addAsk(book.bestBid + 1, flow.meanLimitSize);
    for (const side of ['bid', 'ask'] as const) {
      let n = book.levels(side, flow.minDepth, scan);
      while (n < flow.minDepth) {
        const deepest = scan[2 * (n - 1)];
        if (side === 'bid') book.addBid(deepest - 1, flow.meanLimitSize);
        else book.addAsk(deepest + 1, flow.meanLimitSize);
        n = book.levels(side, flow.minDepth, scan);
      }
    }
  };
  const event = (): void => {
    if (rnd.bernoulli(flow.regimeSwitch)) regime = ((regime + 1 + 1 + Math.floor(rnd.uniform() * 2)) % 3) - 1;
    const u = rnd.uniform();
    if (u < flow.limit) {
      const d = 1 + rnd.categorical(placement);
      const lots = rnd.geometric(flow.meanLimitSize);
      if (rnd.bernoulli((1 + flow.limitTilt * regime) / 2)) book.addBid(book.bestAsk - d, lots);
      else book.addAsk(book.bestBid + d, lots);
    } else if (u < flow.limit + flow.market) {
      const lots = rnd.geometric(flow.meanMarketSize);
      if (rnd.bernoulli((1 + flow.marketTilt * regime) / 2)) book.marketBuy(lots);
      else book.marketSell(lots);
    } else {
      cancelOn(rnd.bernoulli((1 + flow.cancelTilt * regime) / 2) ? 'ask' : 'bid');
    }
    refill();
  };

  for (let e = 0; e < (options.warmupEvents ?? 2000); e++) event();
  const F = 4 * levels;
  const features = new Float64Array(samples * F);
  const mids = new Float64Array(samples + lookahead);
  const regimes = new Int8Array(samples);
  const ask = new Float64Array(2 * levels);
  const bid = new Float64Array(2 * levels);
  for (let s = 0; s < samples + lookahead; s++) {
    for (let e = 0; e < perSample; e++) event();
    mids[s] = ((book.bestAsk + book.bestBid) / 2) * tick;
    if (s >= samples) continue;
    regimes[s] = regime;
    book.levels('ask', levels, ask);
    book.levels('bid', levels, bid);
    for (let l = 0; l < levels; l++) {
      const o = s * F + 4 * l;
      features[o] = ask[2 * l] * tick;
      features[o + 1] = ask[2 * l + 1] * SHARES_PER_LOT;
      features[o + 2] = bid[2 * l] * tick;
      features[o + 3] = bid[2 * l + 1] * SHARES_PER_LOT;
    }
  }
  return { features, mids, regimes, samples };
}
