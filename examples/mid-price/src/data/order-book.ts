/**
 * A limit order book on an integer price grid (ticks): resting volume per price level for each
 * side, the best bid and ask, and the operations of the order-flow model (add, cancel, execute).
 * Bids rest below asks; a limit order never crosses (the flow model places it away from the
 * opposite best quote).
 */
export class OrderBook {
  /** Resting bid / ask volume (lots) per tick index. */
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  bestBid = -1;
  bestAsk = -1;

  constructor(readonly gridSize: number) {
    this.bid = new Float64Array(gridSize);
    this.ask = new Float64Array(gridSize);
  }

  private checkPrice(p: number): void {
    if (!(p >= 0 && p < this.gridSize)) throw new RangeError(`price ${p} ticks is outside the order book's grid [0, ${this.gridSize})`);
  }

  addBid(p: number, lots: number): void {
    this.checkPrice(p);
    this.bid[p] += lots;
    if (p > this.bestBid) this.bestBid = p;
  }

  addAsk(p: number, lots: number): void {
    this.checkPrice(p);
    this.ask[p] += lots;
    if (this.bestAsk < 0 || p < this.bestAsk) this.bestAsk = p;
  }

  /** Removes up to `lots` from a bid level; returns what was removed. */
  cancelBid(p: number, lots: number): number {
    const n = Math.min(lots, this.bid[p]);
    this.bid[p] -= n;
    if (p === this.bestBid && this.bid[p] === 0) this.bestBid = this.nextBidBelow(p);
    return n;
  }

  cancelAsk(p: number, lots: number): number {
    const n = Math.min(lots, this.ask[p]);
    this.ask[p] -= n;
    if (p === this.bestAsk && this.ask[p] === 0) this.bestAsk = this.nextAskAbove(p);
    return n;
  }

  /** A market buy of `lots`: consumes asks from the best upwards. Returns the lots filled. */
  marketBuy(lots: number): number {
    let left = lots;
    while (left > 0 && this.bestAsk >= 0) left -= this.cancelAsk(this.bestAsk, left);
    return lots - left;
  }

  /** A market sell of `lots`: consumes bids from the best downwards. Returns the lots filled. */
  marketSell(lots: number): number {
    let left = lots;
    while (left > 0 && this.bestBid >= 0) left -= this.cancelBid(this.bestBid, left);
    return lots - left;
  }

  private nextBidBelow(p: number): number {
    for (let q = p - 1; q >= 0; q--) if (this.bid[q] > 0) return q;
    return -1;
  }

  private nextAskAbove(p: number): number {
    for (let q = p + 1; q < this.gridSize; q++) if (this.ask[q] > 0) return q;
    return -1;
  }

  /**
   * The `n` best non-empty levels of one side as [price, lots] pairs, best first, written into
   * `out` (length ≥ 2n); returns how many levels were found.
   */
  levels(side: 'bid' | 'ask', n: number, out: Float64Array, maxScan = 400): number {
    let found = 0;
    if (side === 'bid') {
      for (let p = this.bestBid, s = 0; p >= 0 && found < n && s < maxScan; p--, s++) {
        if (this.bid[p] > 0) {
          out[2 * found] = p;
          out[2 * found + 1] = this.bid[p];
          found++;
        }
      }
    } else if (this.bestAsk >= 0) {
      for (let p = this.bestAsk, s = 0; p < this.gridSize && found < n && s < maxScan; p++, s++) {
        if (this.ask[p] > 0) {
          out[2 * found] = p;
          out[2 * found + 1] = this.ask[p];
          found++;
        }
      }
    }
    return found;
  }
}
