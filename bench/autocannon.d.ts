// The part of autocannon's programmatic API the intake load uses (the package ships no types).
declare module "autocannon" {
  type Context = Record<string, unknown>;

  export type AutocannonRequest = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    setupRequest?: (request: AutocannonRequest, context: Context) => AutocannonRequest | null | undefined;
    onResponse?: (status: number, body: string, context: Context, headers: Record<string, string>) => void;
  };

  export type AutocannonOptions = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    pipelining?: number;
    method?: string;
    headers?: Record<string, string>;
    requests?: AutocannonRequest[];
  };

  type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p99: number };

  export type AutocannonResult = {
    latency: Histogram;
    requests: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
  };

  export type AutocannonInstance = PromiseLike<AutocannonResult> & {
    on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): AutocannonInstance;
    on(event: "reqError", listener: (error: Error) => void): AutocannonInstance;
    stop(): void;
  };

  export default function autocannon(options: AutocannonOptions): AutocannonInstance;
}
