// The part of chdb's API the check uses, so the project typechecks without the 570 MB package
// (it is installed only to run the check: npm i --no-save chdb).
declare module 'chdb' {
  export class Session {
    constructor(path?: string, options?: { connectionArgs?: string[] });
    query(sql: string, format?: string): string;
    cleanup(): void;
  }
}
