// The bundle's entry: bin/mailview.js runs the built form of this file (through dist/boot.cjs), or
// `node --build-snapshot` loads it to make a start-up snapshot (docs/performance.md).
import { PassThrough, Readable } from 'node:stream';
import { startupSnapshot } from 'node:v8';
import { main, runCli } from './cli/cli.js';
import { configArgs } from './cli/config.js';

// A snapshot keeps the code of every function that ran while it was built, so render a sample of
// each kind once: a run from the snapshot then compiles almost nothing. Its output goes nowhere.
async function warmUp(): Promise<void> {
  const sink = new PassThrough();
  sink.resume();
  for (const argv of [['--hyperlinks', 'always', '--color', 'always'], ['--footnotes', '--width', '40']]) {
    const stdin = Readable.from([Buffer.from(sample.replace(/\n/g, '\r\n'))]);
    await main({ argv: ['--no-pager', ...argv], env: {}, stdin, stdout: sink, stderr: sink, pid: 1 });
  }
  // A run with a config file then finds the TOML parser loaded and compiled (config.ts loads it lazily).
  configArgs('width = 80\nfootnotes = "auto"\nunwrap = true\n', 'warm-up');
}

// Text that width.ts measures without string-width only: string-width sets up an ICU segmenter.
const sample = `From: "Sample Sender" <sender@example.com>
To: reader@example.org, Other <other@example.net>
Subject: =?UTF-8?Q?Caf=C3=A9_news?=
Date: Tue, 04 Mar 2025 09:30:00 +0000
Message-ID: <warm-up@example.com>
List-Unsubscribe: <https://example.com/unsubscribe?u=1>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8; format=flowed
Content-Transfer-Encoding: quoted-printable

Hello =E2=80=93 Z=C3=BCrich stra=C3=9Fe =E2=82=AC5 =E3=83=87=E3=83=BC=E3=82=BF =E2=86=92 see https://example.com/a?b=3Dc and <https://www.example.org/=
x>.
> quoted line
> second quoted line that is long enough to be wrapped when the width is small, =
really

-- =20
Sender
--alt
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<html><head><style>p{color:red}</style><title>t</title></head><body>
<h1>Caf=C3=A9 &amp; news</h1><p>Z=C3=BCrich stra=C3=9Fe =E2=82=AC5 =E3=83=87=E3=83=BC=E3=82=BF =E2=86=92</p>
<p>Read <a href=3D"https://click.example.net/r?u=3Dhttps%3A%2F%2Fexample.com%2Fa">the article</a>,
<a href=3D"https://www.example.com/login">www.example.com</a> and <b>bold</b> <i>it</i> <u>u</u>
<a href=3D"mailto:sender@example.com">mail</a> <img src=3D"https://example.com/i.png" alt=3D"logo">
<img src=3D"cid:logo@x" alt=3D""> <img src=3D"https://t.example/p.gif" width=3D"1" height=3D"1"></p>
<table role=3D"presentation"><tr><td><table><tr><td>cell one</td><td><a href=3D"https://example.com/b">two</a></td></tr></table></td></tr></table>
<table border=3D"1"><tr><th>Name</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>
<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul><ol start=3D"3"><li>three</li></ol>
<blockquote>quoted <a href=3D"https://example.com/q">text</a></blockquote><pre>pre	text</pre><hr>
<div style=3D"display:none">hidden</div><div class=3D"yahoo_quoted">yahoo</div>
</body></html>
--alt--
--outer
Content-Type: application/pdf; name="report.pdf"
Content-Disposition: attachment; filename="report.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfsj6IK
--outer--
`;

if (startupSnapshot.isBuildingSnapshot()) void warmUp().then(() => startupSnapshot.setDeserializeMainFunction(() => void runCli()));
else void runCli();
