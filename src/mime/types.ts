// Our own MIME types: what mail.ts makes of mailparser's output, and all that the later stages see
// of a message.

/** A mailbox or a group of them, as written in an address header. */
export interface Address {
  readonly name: string;
  readonly address?: string;
  readonly group?: readonly Address[];
}

/** A part that is not shown as text: its metadata only, never its bytes. */
export interface Attachment {
  readonly filename?: string;
  readonly contentType: string;
  readonly size: number;
  readonly disposition?: string;
  readonly related: boolean;
  /** Content-ID without the angle brackets (RFC 2392), for cid: links. */
  readonly contentId?: string;
  /** A part labelled text whose content is binary data. */
  readonly binary?: boolean;
}

/** One node of the MIME tree. */
export type Part =
  | { readonly kind: 'multipart'; readonly subtype: string; readonly children: readonly Part[] }
  /** A text part; subtype 'html' is HTML, every other (plain, x-patch, csv, enriched …) is shown as plain text. */
  | { readonly kind: 'text'; readonly subtype: string; readonly text: string; readonly filename?: string }
  | { readonly kind: 'attachment'; readonly attachment: Attachment; readonly content?: Buffer }
  /** text/calendar or application/ics (RFC 5545), decoded to text; shown after the body. */
  | { readonly kind: 'calendar'; readonly text: string; readonly attachment: Attachment }
  | { readonly kind: 'message'; readonly attachment: Attachment; readonly mail: Mail };

/** A parsed message: decoded headers and the MIME tree. */
export interface Mail {
  /** Header values by lower-case name, RFC 2047 decoded, one entry per occurrence. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly from: readonly Address[];
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  /** Each To and Cc field's own addresses, when the field appears more than once. */
  readonly repeated?: { readonly to?: ReadonlyArray<readonly Address[]>; readonly cc?: ReadonlyArray<readonly Address[]> };
  readonly root: Part;
  /** What could not be parsed (more parts than the parser takes): shown as a notice, exit 65. */
  readonly problems: readonly string[];
}
