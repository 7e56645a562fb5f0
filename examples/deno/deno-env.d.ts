/**
 * The few Deno APIs the example uses, declared here because the repository's TypeScript does not
 * know Deno's globals; in a Deno project, `deno check` has them built in and this file is not needed.
 */
declare const Deno: {
  env: { get(name: string): string | undefined };
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  serve(
    options: { port?: number; hostname?: string; onListen?: (addr: { hostname: string; port: number }) => void },
    handler: (request: Request, info: unknown) => Response | Promise<Response>,
  ): { finished: Promise<void>; shutdown(): Promise<void> };
};
