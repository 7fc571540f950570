// Metrics in the Prometheus text format (version 0.0.4), without a client library: counters and
// histograms kept in this process, and gauges read when scraped (queue depth, figures the database
// holds for every process). Features register what they measure; `GET /metrics` renders it all.

type Labels = Record<string, string>;

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

export interface Histogram {
  observe(labels: Labels, value: number): void;
}

/** Samples read at scrape time: [labels, value] pairs. */
export type Collect = () => Promise<Array<[Labels, number]>> | Array<[Labels, number]>;

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  lines(): Promise<string[]>;
}

/** Request latencies in seconds: a CV service answers in milliseconds, waits last up to a minute. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/** One series per set of labels, whatever their order. Called on every request: kept cheap. */
function key(labels: Labels): string {
  let k = '';
  for (const name of Object.keys(labels).sort()) k += `${name}\u0000${labels[name]}\u0001`;
  return k;
}

function number(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  return String(Math.round(value * 1e6) / 1e6);
}

function counterFamily(name: string, help: string): { family: Family; counter: Counter } {
  const values = new Map<string, { labels: Labels; value: number }>();
  return {
    family: {
      name,
      help,
      type: 'counter',
      lines: async () => [...values.values()].map((v) => `${name}${labelText(v.labels)} ${number(v.value)}`),
    },
    counter: {
      inc(labels = {}, by = 1) {
        const k = key(labels);
        const current = values.get(k);
        if (current) current.value += by;
        else values.set(k, { labels, value: by });
      },
    },
  };
}

function histogramFamily(
  name: string,
  help: string,
  buckets: readonly number[],
): { family: Family; histogram: Histogram } {
  const series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  return {
    family: {
      name,
      help,
      type: 'histogram',
      lines: async () =>
        [...series.values()].flatMap((s) => [
          ...buckets.map(
            (b, i) => `${name}_bucket${labelText({ ...s.labels, le: number(b) })} ${s.counts[i]}`,
          ),
          `${name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`,
          `${name}_sum${labelText(s.labels)} ${number(s.sum)}`,
          `${name}_count${labelText(s.labels)} ${s.count}`,
        ]),
    },
    histogram: {
      observe(labels, value) {
        const k = key(labels);
        let s = series.get(k);
        if (!s) {
          s = { labels, counts: buckets.map(() => 0), sum: 0, count: 0 };
          series.set(k, s);
        }
        buckets.forEach((b, i) => {
          if (value <= b) s.counts[i]! += 1;
        });
        s.sum += value;
        s.count += 1;
      },
    },
  };
}

function collectedFamily(name: string, help: string, collect: Collect, type: 'gauge' | 'counter'): Family {
  return {
    name,
    help,
    type,
    lines: async () => {
      try {
        return (await collect()).map(([labels, value]) => `${name}${labelText(labels)} ${number(value)}`);
      } catch {
        // A dependency that is down leaves its figures out; /core/health/ says which one.
        return [];
      }
    },
  };
}

export function createMetrics() {
  const families: Family[] = [];
  const register = (family: Family) => {
    if (families.some((f) => f.name === family.name))
      throw new Error(`metric ${family.name} registered twice`);
    families.push(family);
  };

  return {
    counter(name: string, help: string): Counter {
      const { family, counter } = counterFamily(name, help);
      register(family);
      return counter;
    },

    histogram(name: string, help: string, buckets: readonly number[] = LATENCY_BUCKETS): Histogram {
      const { family, histogram } = histogramFamily(name, help, buckets);
      register(family);
      return histogram;
    },

    /** A value read when scraped; `type` is counter for totals the database keeps. */
    collected(name: string, help: string, collect: Collect, type: 'gauge' | 'counter' = 'gauge'): void {
      register(collectedFamily(name, help, collect, type));
    },

    async render(): Promise<string> {
      const out: string[] = [];
      for (const f of families) {
        const lines = await f.lines();
        out.push(`# HELP ${f.name} ${f.help.replace(/\n/g, ' ')}`, `# TYPE ${f.name} ${f.type}`, ...lines);
      }
      return `${out.join('\n')}\n`;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * The process's own figures under the names Prometheus's client libraries use, so dashboards made
 * for any Node service read them: memory (the soak watches it stay flat), CPU time, start time.
 */
export function registerProcessMetrics(metrics: Metrics): void {
  const startSeconds = Math.round((Date.now() - performance.now()) / 1000);
  metrics.collected('process_resident_memory_bytes', 'Resident memory of this process in bytes', () => [
    [{}, process.memoryUsage.rss()],
  ]);
  metrics.collected(
    'process_cpu_seconds_total',
    'CPU time this process used, user and system, in seconds',
    () => {
      const { user, system } = process.cpuUsage();
      return [[{}, (user + system) / 1e6]];
    },
    'counter',
  );
  metrics.collected('process_start_time_seconds', 'When this process started, in Unix seconds', () => [
    [{}, startSeconds],
  ]);
  metrics.collected('nodejs_heap_used_bytes', 'JavaScript heap in use, in bytes', () => [
    [{}, process.memoryUsage().heapUsed],
  ]);
}
