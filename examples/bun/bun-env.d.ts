/**
 * The few Bun APIs the example uses, declared here because the repository does not install
 * `@types/bun`; in your app, add `@types/bun` instead of this file.
 */
declare module 'bun:sqlite' {
  interface Statement<Row> {
    all(...params: unknown[]): Row[];
  }
  interface Transaction<T> {
    (): T;
    immediate(): T;
  }
  export class Database {
    constructor(filename?: string, options?: { create?: boolean; readonly?: boolean; readwrite?: boolean });
    run(sql: string, params?: unknown[]): void;
    query<Row, Params extends unknown[] = []>(sql: string): Statement<Row> & { __params?: Params };
    transaction<T>(fn: () => T): Transaction<T>;
    close(): void;
  }
}

declare const Bun: {
  serve(options: { fetch: (request: Request, server: unknown) => Response | Promise<Response>; port?: number; hostname?: string }): { port: number };
};
