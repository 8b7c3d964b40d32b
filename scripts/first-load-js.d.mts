export type FirstLoadJs = { route: string; chunks: { file: string; bytes: number; gzipBytes: number }[]; bytes: number; gzipBytes: number };
export function firstLoadJs(route: string, distDir?: string): FirstLoadJs;
