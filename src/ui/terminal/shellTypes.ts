// What the terminal needs from a shell: src/kubectl/shell.ts's createShell gives exactly this.
export interface ShellWatch {
  poll(): string;
  stop(): void;
}

export interface ShellRun {
  output: string;
  exitCode: number;
  clear?: boolean;
  watch?: ShellWatch;
}

export interface ShellLike {
  run(line: string): ShellRun;
  complete(line: string, cursor: number): { candidates: string[]; from: number; to: number };
  history(): string[];
  previous(): string | undefined;
  next(): string | undefined;
}
