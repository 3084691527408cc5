/**
 * The streaming latency model. All results are ESTIMATES.
 *
 * Layers stream: a layer starts as soon as its first input words arrive, so a chain does not take
 * the sum of its layers' cycles. Every stage has
 *  - `cycles`: how long it is busy per run (its input vectors × cycles per vector), and
 *  - `delay`: cycles from its first input to its first output (MVAU: SF + MVAU_PIPELINE_DEPTH;
 *    other layers: STREAM_LAYER_DELAY; Reshape: 0).
 * A chain of stages finishes after max(cycles) + Σ delays: the slowest stage sets the pace and
 * every stage adds its delay. On a DAG the latency is the maximum over stages l of
 *   before(l) + cycles(l) + tail(l) + after(l),
 * where before(l) is the longest sum of delays on a path from a source to l (excluding l), after(l)
 * the longest from l to a sink (excluding l), and tail(l) = delay(l), except for a Recurrence,
 * whose `cycles` already run until its last output (tail 0). The maximising stage is the bottleneck.
 */

/** Pipeline depth added to the MVAU's first-output delay (read, multiply, add tree, accumulate, write). */
export const MVAU_PIPELINE_DEPTH = 5;
/** First-output delay of the other streaming stages (Thresholding, element-wise, duplicate, state streams). */
export const STREAM_LAYER_DELAY = 2;

/** One stage of the DAG: reads `inputs`, writes `outputs` (value names). */
export interface Stage {
  readonly id: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly cycles: number;
  readonly delay: number;
  /** Cycles between the stage's last input and its last output (default `delay`). */
  readonly tail?: number;
}

export interface StreamingLatency {
  /** max over stages of before + cycles + tail + after. ESTIMATE. */
  cycles: number;
  /** The stage that sets the latency, undefined when there are no stages. */
  bottleneck?: string;
  /** before(l) + cycles(l) + tail(l) + after(l) per stage id. */
  perStage: Map<string, number>;
}

/**
 * Latency of a DAG of streaming stages (given in topological order). `sourceDelay` gives a delay
 * in front of values no stage produces (e.g. state_to_stream of a Recurrence's state inputs);
 * `sinkDelay` one behind values read outside (e.g. stream_to_state of the next state).
 */
export function streamingLatency(
  stages: readonly Stage[],
  sourceDelay: (value: string) => number = () => 0,
  sinkDelay: (value: string) => number = () => 0,
): StreamingLatency {
  const producer = new Map<string, number>();
  stages.forEach((s, k) => s.outputs.forEach((o) => producer.set(o, k)));
  const consumers = new Map<string, number[]>();
  stages.forEach((s, k) => s.inputs.forEach((i) => consumers.set(i, [...(consumers.get(i) ?? []), k])));

  const before = new Array<number>(stages.length).fill(0);
  stages.forEach((s, k) => {
    for (const i of s.inputs) {
      const p = producer.get(i);
      const arrive = p === undefined ? sourceDelay(i) : before[p] + stages[p].delay;
      before[k] = Math.max(before[k], arrive);
    }
  });
  const after = new Array<number>(stages.length).fill(0);
  for (let k = stages.length - 1; k >= 0; k--) {
    for (const o of stages[k].outputs) {
      let rest = sinkDelay(o);
      for (const c of consumers.get(o) ?? []) rest = Math.max(rest, stages[c].delay + after[c]);
      after[k] = Math.max(after[k], rest);
    }
  }
  const perStage = new Map<string, number>();
  let best = -1;
  let bottleneck: string | undefined;
  stages.forEach((s, k) => {
    const total = before[k] + s.cycles + (s.tail ?? s.delay) + after[k];
    perStage.set(s.id, total);
    // ties: the stage with more cycles (the one worth speeding up), then the earlier one
    if (total > best || (total === best && bottleneck !== undefined && s.cycles > stages.find((t) => t.id === bottleneck)!.cycles)) {
      best = total;
      bottleneck = s.id;
    }
  });
  return { cycles: Math.max(0, best), ...(bottleneck !== undefined ? { bottleneck } : {}), perStage };
}
