export declare const STAMP_FILE: string;
export interface BuildStamp {
  /** Files and folders relative to the checkout's root, as given to hashInputs. */
  inputs: string[];
  hash: string;
}
export declare function hashInputs(
  root: string,
  inputs: readonly string[],
  read?: ReadonlyMap<string, Uint8Array>,
): string;
export declare function readStamp(outDir: string): BuildStamp | undefined;
export declare function writeStamp(outDir: string, stamp: BuildStamp): void;
export declare function removeStamp(outDir: string): void;
export declare function isCurrent(root: string, outDir: string, inputs?: readonly string[]): boolean;
