/** One exact piece of a library's source and what replaces it. */
export interface Change {
  readonly from: string;
  readonly to: string;
}

/** The library patches: which file (as esbuild resolves it) and its changes. */
export declare const patches: ReadonlyArray<{ readonly file: RegExp; readonly changes: readonly Change[] }>;

/** The source of the function the mailparser patch adds to turn a text part's CR LF into LF on its bytes. */
export declare const withoutCarriageReturns: string;

/** The source of the function the mailparser patch adds to read a plain address field without the address parser. */
export declare const plainAddressList: string;
