/** Records the statements that reach a libSQL client, for tests that count or explain them. */
export interface Recorded {
  sql: string;
  args: unknown;
}

/** Makes the libSQL client (and its transactions) record what reaches it while `on()` says so. */
export function record(client: any, on: () => boolean, into: Recorded[]) {
  const add = (stmt: any) => {
    if (!on()) return;
    if (typeof stmt === 'string') into.push({ sql: stmt, args: [] });
    else into.push({ sql: stmt.sql, args: stmt.args ?? [] });
  };
  const patch = (target: any) => {
    const { execute, batch } = target;
    target.execute = function (this: unknown, stmt: unknown, ...rest: unknown[]) {
      add(stmt);
      return execute.call(this, stmt, ...rest);
    };
    target.batch = function (this: unknown, stmts: unknown[], ...rest: unknown[]) {
      stmts.forEach(add);
      return batch.call(this, stmts, ...rest);
    };
    return target;
  };
  patch(client);
  const transaction = client.transaction;
  client.transaction = async function (this: unknown, ...args: unknown[]) {
    return patch(await transaction.apply(this, args));
  };
}
