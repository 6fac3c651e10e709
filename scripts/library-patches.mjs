// Hot spots of mailparser, mailsplit and selderee, changed as scripts/build.mjs bundles them
// (docs/performance.md): each change is an exact piece of a library's source and its
// replacement. A file any of whose changes no longer applies is bundled as it is, with a warning:
// slower, never wrong. test/library-patches.test.ts checks that each applies and, for the
// splitter, that the patched one emits exactly what the original does.
// Every CR LF of a text part's bytes made LF (a CR alone is kept), as a regex replace of /\r?\n/
// after decoding did; written into mailparser by the patch below, and tested on its own.
export const withoutCarriageReturns = `function withoutCarriageReturns(bytes) {
    let at = bytes.indexOf(13);
    if (at < 0) return bytes;
    const out = Buffer.allocUnsafe(bytes.length);
    let n = 0;
    let from = 0;
    for (; at >= 0; at = bytes.indexOf(13, at + 1)) {
        if (bytes[at + 1] !== 10) continue;
        n += bytes.copy(out, n, from, at);
        from = at + 1;
    }
    n += bytes.copy(out, n, from);
    return out.subarray(0, n);
}`;

// An address field of one plain mailbox, `local@domain` or `Name <local@domain>` with a name of
// letters and digits in single-spaced words, read as nodemailer's address parser reads it: its
// tokenizer took ~4 µs for each sender of an mbox, most of the time spent on the header section;
// the match takes a fraction of one. Anything else (quotes, comments, groups, several mailboxes,
// any other character) is left to the parser. Written into mailparser by the patch below, and
// compared with the parser on generated fields (test/library-patches.test.ts).
export const plainAddressList = `const plainMailbox = /^(?:([A-Za-z0-9]+(?: [A-Za-z0-9]+)*) <)?([A-Za-z0-9_+-]+(?:\\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*)(>)?$/;
function plainAddressList(text) {
    const m = plainMailbox.exec(text);
    if (!m || (m[1] === undefined) !== (m[3] === undefined)) return undefined;
    return [{ address: m[2], name: m[1] === undefined ? '' : m[1] }];
}`;

export const patches = [
  {
    file: /mailsplit[\\/]lib[\\/]message-splitter\.js$/,
    changes: [
      {
        // mailsplit looks for the end of every line one byte at a time in JavaScript, which a run
        // started from a key press executes before V8 has optimised it: an 11 MB message spent
        // ~40 ms there. Buffer#indexOf finds the same newline natively.
        from: `if (chunk[i] !== 0x0a) {
                    i++;
                    continue;
                }`,
        to: `if (chunk[i] !== 0x0a) {
                    i = chunk.indexOf(0x0a, i);
                    if (i < 0) i = chunk.length;
                    continue;
                }`,
      },
      {
        // Each line of a body goes through processLine, a callback and a Buffer view of its own,
        // only to move the end of the body group one line on: ~150 000 times for two 4 MB
        // attachments. A line continuing a body group that cannot be a boundary (it starts with
        // neither '-' nor a line break), with no pending or truncated line before it, only
        // moves that end, as onLine would. (It also gives the event loop no turn within a chunk:
        // scheduling only.)
        from: `let start = Math.max(pos, 0);
                pos = ++i;
`,
        to: `let start = Math.max(pos, 0);
                pos = ++i;
                if (group.type === 'body' && this.state === BODY && !this.lineLength && !this.pendingLineTruncated && chunk[start] !== 0x2d && chunk[start] !== 0x0d && chunk[start] !== 0x0a) {
                    groupend = i;
                    continue;
                }
`,
      },
      {
        // Every write started splitting on the next turn of the event loop: a run through an mbox
        // of 40,000 short messages, each written to a parser of its own, spent ~1.8 s of its
        // profile idle between those turns. The first batch of lines now starts at once; the
        // batches after it still yield to the event loop as before (scheduling only).
        from: `            callback();
        };

        setImmediate(iterateData);
    }`,
        to: `            callback();
        };

        iterateData();
    }`,
      },
      {
        // A splitter's own state is set by a method of its own, so that one driven by hand over a
        // short message (mail.ts) need not be a stream: Node's Transform set-up (its two states,
        // their buffers and listeners) was ~40 MB of an mbox of 40,000 messages' allocations.
        from: `        super(options);

        this.config = config || {};`,
        to: `        super(options);
        this.init(config);
    }

    /**
     * @param {SplitterOptions} [config]
     */
    init(config) {
        this.config = config || {};`,
      },
    ],
  },
  {
    // html-to-text picks the formatter of every element through selderee's decision tree, whose
    // every node merged its branches' results with flatMap and rest arguments, a node with one
    // branch too: the digest spent ~90 ms there. A one-branch node now hands on its branch's own
    // array (a terminal's is shared): html-to-text only reads it (Picker#pick1).
    file: /@selderee[\\/]plugin-htmlparser2[\\/]lib[\\/]hp2-builder\.(cjs|mjs)$/,
    changes: [
      {
        from: `    const matchers = nodes.map(handleNode);
    return (el, ...tail) => matchers.flatMap(m => m(el, ...tail));`,
        to: `    const matchers = nodes.map(handleNode);
    if (matchers.length === 1) return matchers[0];
    return (el, ...tail) => {
        const out = [];
        for (const m of matchers) {
            const found = m(el, ...tail);
            for (let i = 0; i < found.length; i++) out.push(found[i]);
        }
        return out;
    };`,
      },
    ],
  },
  {
    // Each case-insensitive attribute selector lower-cases the attribute again: an element with a
    // style attribute had it lower-cased once for each of our eleven style selectors.
    file: /selderee[\\/]lib[\\/]selderee\.(cjs|mjs)$/,
    changes: [
      {
        from: `function getAttrValuePredicate(sel) {
    if (sel.modifier === 'i') {`,
        to: `let lastActual, lastLower;
const lowered = (actual) => (actual === lastActual ? lastLower : (lastLower = (lastActual = actual).toLowerCase()));
function getAttrValuePredicate(sel) {
    if (sel.modifier === 'i') {`,
      },
      { from: 'return actual => actual.toLowerCase().includes(expected);', to: 'return actual => lowered(actual).includes(expected);' },
    ],
  },
  {
    // html-to-text parses the HTML it is given with htmlparser2's parseDocument; src/render/html/
    // builds that same DOM itself while it measures the nesting depth (html-depth.ts), and a
    // second parse of the same text was ~20% of a newsletter's HTML time. Its converter now also
    // takes a parsed document, and says so (html.ts hands it text where the patch did not apply).
    file: /html-to-text[\\/]lib[\\/]html-to-text\.(cjs|mjs)$/,
    changes: [
      {
        from: 'const document = parseDocument(html, { decodeEntities: options.decodeEntities });',
        to: "const document = typeof html === 'string' ? parseDocument(html, { decodeEntities: options.decodeEntities }) : html;",
      },
      {
        from: `  return function (html, metadata = undefined) {
    return process(html, metadata, options, picker, findBaseElements, limitedWalk);
  };`,
        to: `  const convert = function (html, metadata = undefined) {
    return process(html, metadata, options, picker, findBaseElements, limitedWalk);
  };
  convert.takesDocument = true;
  return convert;`,
      },
    ],
  },
  {
    // The address parser's token list started as a typed array of 48 slots, 192 bytes, which V8
    // keeps outside its heap (a malloc'd buffer, and its bookkeeping on every young collection):
    // made for every address header of every message of an mbox. 16 slots fit in V8's heap and
    // hold the tokens of a usual "Name <address>" (5 tokens); a longer list grows as before.
    file: /nodemailer[\\/]dist[\\/](esm|cjs)[\\/]addressparser[\\/]index\.js$/,
    changes: [{ from: 'this.slots = new Int32Array(48);', to: 'this.slots = new Int32Array(16);' }],
  },
  {
    // libmime builds its table of MIME types and file extensions (~2 500 entries) at load time for
    // detectExtension and detectMimeType, which a mail whose parts are all named never calls: read
    // on first use, so neither a run nor the start-up snapshot holds it otherwise.
    file: /libmime[\\/]dist[\\/]cjs[\\/]libmime\.js$/,
    changes: [
      {
        from: 'const mimetypes = __importStar(require("./mimetypes.js"));',
        to: `let loadedMimetypes;
const loadMimetypes = () => (loadedMimetypes ??= __importStar(require("./mimetypes.js")));
const mimetypes = { get list() { return loadMimetypes().list; }, get extensions() { return loadMimetypes().extensions; } };`,
      },
      {
        // Every Subject, display name and parameter goes through five regex replaces looking for
        // encoded words (=?charset?Q?...?=); most hold none. A text without "=?" (which each of
        // the words starts with) and without a NUL (of the marker the first two replaces insert
        // and the third removes) is what the five give back: it is given back at once.
        from: `    decodeWords(str) {
        return ((str || '')`,
        to: `    decodeWords(str) {
        if (typeof str === 'string' && str.indexOf('=?') < 0 && str.indexOf('\\0') < 0) {
            return str;
        }
        return ((str || '')`,
      },
    ],
  },
  {
    // mailparser passes the message through a ChunkedPassthrough that copies every chunk into a
    // new buffer even when nothing is pending (Buffer.concat of one buffer): ~11 ms on 11 MB.
    file: /mailsplit[\\/]lib[\\/]chunked-passthrough\.js$/,
    changes: [{ from: 'this.buffer = Buffer.concat([this.buffer, chunk]);', to: 'this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;' }],
  },
  {
    // mailparser decodes every attachment; parseMail lists most of them by size only and passes
    // an attachmentDecoder option (src/mail.ts) that picks a counting stand-in (src/base64-size.ts).
    file: /mailparser[\\/]dist[\\/](esm|cjs)[\\/]mail-parser\.js$/,
    changes: [
      {
        // Every address header got an HTML form escaped with `he`, which mailview never reads:
        // made on first read instead, so a run neither loads `he` (its entity tables were ~5% of
        // the start-up snapshot's heap) nor escapes each address (scripts/build.mjs makes `he` lazy).
        // The getter is the prototype's of a class (below), not one of an object literal: a getter
        // written in a literal is a new closure each time, and so a new hidden class for each
        // object, held by V8's long-lived map tree and holding the closure's parser; every young
        // collection then kept each message's parser and header values and moved them to the old
        // generation (an mbox of 40,000 short messages: ~260 MB so moved, ~20% of its run in GC).
        //
        // An address field's value depends on its text alone, and an mbox repeats the same To, Cc
        // and Delivered-To in message after message: each text is parsed once and its value
        // shared. mailview reads these values and never changes them. The memo holds short texts
        // only and is emptied when full, so a hostile mbox cannot grow it.
        from: `                    value = addressparser(value);
                    this.decodeAddresses(value);
                    value = {
                        value,
                        html: this.getAddressesHTML(value),
                        text: this.getAddressesText(value)
                    };`,
        to: `                    value = addressMemo.get(value) ?? rememberAddress(value, this);`,
      },
      {
        // The same for the end of each parse: a closure made by _flush and stored on the parser
        // kept the parser through young collections as the address getter did. The callback is
        // kept as plain data and a function shared by every parser runs it, once, as the closure did.
        from: `        this.waitingEnd = err => {
            // runs once, either on a splitter error after end of input or when the splitter ends
            this.waitingEnd = false;
            if (err) {
                return done(err);
            }
            this.cleanup(done);
        };`,
        to: `        this.flushDone = done;
        this.waitingEnd = endWaited;`,
      },
      {
        from: 'const MAX_INLINED_IMAGES_SIZE = 20 * 1024 * 1024;',
        to: `const MAX_INLINED_IMAGES_SIZE = 20 * 1024 * 1024;
// runs once, either on a splitter error after end of input or when the splitter ends
function endWaited(err) {
    const done = this.flushDone;
    this.waitingEnd = false;
    this.flushDone = false;
    if (err) {
        return done(err);
    }
    this.cleanup(done);
}
class AddressHeader {
    constructor(value, text) {
        this.value = value;
        this.text = text;
    }
    get html() {
        return formatAddressesHTML(this.value);
    }
}
const addressMemo = new Map();
function rememberAddress(text, parser) {
    const value = plainAddressList(text) ?? addressparser(text);
    parser.decodeAddresses(value);
    const header = new AddressHeader(value, parser.getAddressesText(value));
    if (text.length <= 512) {
        if (addressMemo.size >= 512) addressMemo.clear();
        addressMemo.set(text, header);
    }
    return header;
}
// A value of ASCII alone reads the same as Latin-1 and as UTF-8.
const notAscii = /[^\\x00-\\x7f]/;
${plainAddressList}
${withoutCarriageReturns}`,
      },
      {
        // Every header value went from a string to Latin-1 bytes and back as UTF-8, ~1 µs a field;
        // for a value that is ASCII alone that gives the same string.
        from: `            value = Buffer.from(value, 'binary').toString();`,
        to: `            if (notAscii.test(value)) value = Buffer.from(value, 'binary').toString();`,
      },
      {
        // A field's first value went into its list through Array#concat, which asks each value
        // (an address list, a Date, a string) whether it spreads: V8's slow path, a third of the
        // time spent on each header line. A value that is no array is never spread by concat.
        from: 'headers.set(key, [].concat(value || []));',
        to: 'headers.set(key, Array.isArray(value) ? value.slice() : [value]);',
      },
      {
        // Each piece the splitter hands on (a part's header, a run of body lines) was processed on
        // a turn of the event loop of its own, and the next one read on another: a run through an
        // mbox of 40,000 short messages, each parsed by a parser of its own, spent ~1.5 s of its
        // profile idle between ~300,000 such turns. The next piece is now read on a microtask:
        // the same order, only no turn of the loop between pieces (scheduling only).
        from: `            setImmediate(() => this.readData());`,
        to: `            queueMicrotask(() => this.readData());`,
      },
      {
        from: `                break;
        }
        setImmediate(done);`,
        to: `                break;
        }
        queueMicrotask(done);`,
      },
      {
        from: 'setImmediate(() => this.chunkedPassthrough.end());',
        to: 'queueMicrotask(() => this.chunkedPassthrough.end());',
      },
      {
        from: `        else {
            setImmediate(() => {
                finish();
            });
        }`,
        to: `        else {
            queueMicrotask(finish);
        }`,
      },
      {
        // A text part's line ends were made LF by a regex replace after decoding, which V8 builds as
        // a chain of two pieces per line before it is one string: a million-line part held ~90 MB
        // more than its text (~127 MiB more peak in all) and took ~0.5 s. CR LF → LF on the bytes
        // before they are decoded gives the same text (a CR, ASCII, ends a broken UTF-8 sequence as
        // the LF after it would) at the cost of one copy of the bytes.
        from: String.raw`node.textContent = Buffer.concat(chunks, chunklen).toString().replace(/\r?\n/g, '\n');`,
        to: `node.textContent = withoutCarriageReturns(Buffer.concat(chunks, chunklen)).toString();`,
      },
      {
        from: 'let decoder = node.getDecoder();',
        to: 'let decoder = (newNode.isAttachment && this.options.attachmentDecoder?.(newNode)) || node.getDecoder();',
      },
    ],
  },
];
