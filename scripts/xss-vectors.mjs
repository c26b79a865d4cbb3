// Writes tests/fixtures/xss-vectors.json: the cross-site-scripting corpus of
// tests/xss.rs, tests/browser/xss.test.mjs and tests/edge/xss.test.mjs.
// Written from memory of the public lists (no network): the OWASP XSS Filter
// Evasion Cheat Sheet (RSnake's list), the HTML5 Security Cheatsheet
// (html5sec.org, Mario Heiderich), PortSwigger's XSS cheat sheet, the
// DOMPurify test suite (test/fixtures/expect.mjs: mXSS, namespace confusion,
// DOM clobbering) and html5lib-tests (tokenizer/tree-construction: comments,
// CDATA, raw text, foreign content). Every vector sets the canary
// `window.__pwned` (or `top.__pwned`) if it ever runs, never alert().
//
//   node scripts/xss-vectors.mjs     (regenerates the fixture)

import { writeFileSync } from 'node:fs';

const P = 'window.__pwned=1';
const T = 'top.__pwned=1';
const out = [];
const add = (family, source, ...vs) => {
  for (const v of vs) out.push({ family, source, vector: v });
};
const OWASP = 'OWASP XSS Filter Evasion Cheat Sheet';
const H5SEC = 'HTML5 Security Cheatsheet (html5sec.org)';
const PS = 'PortSwigger XSS cheat sheet';
const DP = 'DOMPurify test suite';
const H5LIB = 'html5lib-tests';

add('script', OWASP,
  `<script>${P}</script>`,
  `<SCRIPT>${P}</SCRIPT>`,
  `<ScRiPt>${P}</sCrIpT>`,
  `<script src=data:,${P}></script>`,
  `<script/x>${P}</script>`,
  `<script\n>${P}</script>`,
  `<<script>${P};//<</script>`,
  `<script>${P}//`,
  `<scr<script>ipt>${P}</scr</script>ipt>`,
  `"><script>${P}</script>`,
  `'><script>${P}</script>`,
  `</title><script>${P}</script>`,
  `<script type="text/javascript">${P}</script>`,
  `<script type=module>${P}</script>`,
  `\u0000<script>${P}</script>`,
);
add('event handler', OWASP,
  `<img src=x onerror=${P}>`,
  `<IMG SRC=x ONERROR="${P}">`,
  `<img src=x onerror="${P}"/>`,
  `<img/src=x/onerror=${P}>`,
  `<img src=x:x onerror=${T}>`,
  `<img src=x onerror\n=${P}>`,
  `<img src=x onerror=&#x77;indow.__pwned=1>`,
  `<svg onload=${P}>`,
  `<svg/onload=${P}>`,
  `<body onload=${P}>`,
  `<body onpageshow=${P}>`,
  `<iframe onload=${P}></iframe>`,
  `<input autofocus onfocus=${P}>`,
  `<select autofocus onfocus=${P}></select>`,
  `<textarea autofocus onfocus=${P}></textarea>`,
  `<keygen autofocus onfocus=${P}>`,
  `<video><source onerror=${P}></video>`,
  `<audio src=x onerror=${P}>`,
  `<video src=x onerror=${P}></video>`,
  `<details open ontoggle=${P}>`,
  `<marquee onstart=${P}>x</marquee>`,
  `<div onmouseover=${P}>x</div>`,
  `<a onmouseover=${P}>x</a>`,
  `<object data=x onerror=${P}></object>`,
  `<style onload=${P}></style>`,
  `<link rel=stylesheet href=x onerror=${P}>`,
  `<div popover id=p onbeforetoggle=${P}>x</div>`,
  `<x contenteditable onfocus=${P} autofocus>x</x>`,
  `<img src=x onerror=eval(atob('d2luZG93Ll9fcHduZWQ9MQ=='))>`,
  `<img src=x onerror=\`${P}\`>`,
  `<img src="x" onerror = '${P}' >`,
  `<img src=x onerror=${P}//`,
  `" onmouseover="${P}`,
  `' onfocus='${P}' autofocus '`,
  `" autofocus onfocus="${P}" x="`,
  `\` onerror=${P} \``,
);
add('javascript: URL', OWASP,
  `javascript:${P}`,
  `JaVaScRiPt:${P}`,
  ` javascript:${P}`,
  `\u0001javascript:${P}`,
  `\u0000javascript:${P}`,
  `java\tscript:${P}`,
  `java\nscript:${P}`,
  `java\rscript:${P}`,
  `jav&#x09;ascript:${P}`,
  `jav&#x0A;ascript:${P}`,
  `javascript&colon;${P}`,
  `&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${P}`,
  `&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${P}`,
  `&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058${P}`,
  `javascript://%0a${P}`,
  `javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+${P}//'>`,
  `\u0020\u0009javascript:${P}`,
  `javascript\\u003a${P}`,
  `<a href="javascript:${P}">x</a>`,
  `<a href="jav&#x09;ascript:${P}">x</a>`,
  `<a href=" &#14; javascript:${P}">x</a>`,
  `<a href="javascript&colon;${P}">x</a>`,
  `<iframe src="javascript:${P}"></iframe>`,
  `<img src="javascript:${P}">`,
  `<form><button formaction=javascript:${P}>x</button></form>`,
  `<isindex action=javascript:${P} type=submit>`,
  `<a href="\u0001javascript:${P}">x</a>`,
);
add('data: / vbscript: URL', OWASP,
  `data:text/html,<script>${P}</script>`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+`,
  `DATA:text/html,<script>${T}</script>`,
  `data:image/svg+xml,<svg onload=${T}>`,
  `data:application/javascript,${P}`,
  `vbscript:${P}`,
  `VBScript:${P}`,
  `<a href="data:text/html,<script>${T}</script>">x</a>`,
  `<object data="data:text/html,<script>${T}</script>"></object>`,
  `<embed src="data:text/html,<script>${T}</script>">`,
  `<iframe src="data:text/html,<script>${T}</script>"></iframe>`,
);
add('mXSS / namespace confusion', DP,
  `<svg><style><img src=x onerror=${P}></style></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${P}>`,
  `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=${P}&gt;">`,
  `<svg></p><style><a id="</style><img src=1 onerror=${P}>">`,
  `<svg><p><style><a id="</style><img src=1 onerror=${P}>">`,
  `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${P} src=1>">`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${P}>`,
  `<svg><foreignObject><img src=x onerror=${P}></foreignObject></svg>`,
  `<svg><a xlink:href="javascript:${P}"><text x=20 y=20>x</text></a></svg>`,
  `<svg><use href="data:image/svg+xml,<svg id=x xmlns=http://www.w3.org/2000/svg><image href=1 onerror=${T} /></svg>#x"/></svg>`,
  `<svg><animate onbegin=${P} attributeName=x dur=1s>`,
  `<svg><set attributeName=onload to=${P} />`,
  `<svg><script>${P}</script></svg>`,
  `<svg><script xlink:href=data:,${P}></script></svg>`,
  `<math><maction actiontype=statusline xlink:href=javascript:${P}>x</maction></math>`,
  `<math href="javascript:${P}">x</math>`,
  `<noembed><img title="</noembed><img src onerror=${P}>"></noembed>`,
  `<noframes><img title="</noframes><img src onerror=${P}>"></noframes>`,
  `<xmp><img title="</xmp><img src onerror=${P}>"></xmp>`,
  `<listing>&lt;img src=x onerror=${P}&gt;</listing>`,
  `<table><td><svg><desc><img src=x onerror=${P}></desc></svg></td></table>`,
);
add('raw-text breakout', H5LIB,
  `<noscript><p title="</noscript><img src=x onerror=${P}>"></noscript>`,
  `<template><img src=x onerror=${P}></template>`,
  `<template><script>${P}</script></template>`,
  `</textarea><script>${P}</script>`,
  `<textarea></textarea><img src=x onerror=${P}></textarea>`,
  `<title><img src=x onerror=${P}></title>`,
  `</title><img src=x onerror=${P}>`,
  `</style><img src=x onerror=${P}>`,
  `<style></style><img src=x onerror=${P}>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `<iframe srcdoc="&lt;img src=x onerror=parent.__pwned=1&gt;"></iframe>`,
  `<plaintext><img src=x onerror=${P}>`,
);
add('comment / CDATA', H5LIB,
  `<!--><img src=x onerror=${P}>-->`,
  `<!---><img src=x onerror=${P}>-->`,
  `<!-- --!><img src=x onerror=${P}>-->`,
  `<!--<img src="--><img src=x onerror=${P}//">`,
  `<![CDATA[><img src=x onerror=${P}>]]>`,
  `<svg><![CDATA[><img src=x onerror=${P}>]]></svg>`,
  `<?xml version="1.0"?><img src=x onerror=${P}>`,
  `<!DOCTYPE html><img src=x onerror=${P}>`,
  `<! foo="><img src=x onerror=${P}>">`,
  `<!-- <script> --><script>${P}</script>`,
  `<a title="<!--"></a><img src=x onerror=${P}>-->`,
);
add('attribute-quote breakout', PS,
  `"><img src=x onerror=${P}>`,
  `'><img src=x onerror=${P}>`,
  `\`><img src=x onerror=${P}>`,
  `&quot;&gt;&lt;img src=x onerror=${P}&gt;`,
  `&#34;&#62;&#60;img src=x onerror=${P}&#62;`,
  `x" style="x:expression(${P})`,
  `https://example.com/"><script>${P}</script>`,
  `https://example.com/' onerror='${P}`,
  `/a" onclick="${P}`,
  `#"><svg onload=${P}>`,
);
add('JSON-LD / script context', 'OWASP + PortSwigger (JSON in script)',
  `</script><script>${P}</script>`,
  `</SCRIPT><img src=x onerror=${P}>`,
  `</script ><script>${P}</script>`,
  `<!--<script>${P}</script>`,
  `<!--<script>`,
  `"}</script><script>${P}</script>`,
  `"};${P};//`,
  `\\"};${P};//`,
  `\${${P}}`,
  `\`;${P};\``,
  `\u2028${P}\u2029`,
  `"\u2028};${P};//`,
  `]]></script><script>${P}</script>`,
  `</script\u000c><script>${P}</script>`,
  `\\u003c/script\\u003e\\u003cscript\\u003e${P}\\u003c/script\\u003e`,
);
add('charset / UTF-7', OWASP,
  `+ADw-script+AD4-${P}+ADw-/script+AD4-`,
  `<meta charset="UTF-7">+ADw-script+AD4-${P}+ADw-/script+AD4-`,
  `\uFEFF<script>${P}</script>`,
  `\uFF1Cscript\uFF1E${P}\uFF1C/script\uFF1E`,
  `%3Cscript%3E${P}%3C/script%3E`,
  `\u00BCscript\u00BE${P}\u00BC/script\u00BE`,
);
add('base / meta / link', OWASP,
  `<base href="javascript:${P}//">`,
  `<base href="https://evil.example/">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${P}">`,
  `<meta http-equiv="refresh" content="0;url=data:text/html,<script>${T}</script>">`,
  `<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'">`,
  `<link rel=import href="data:text/html,<script>${T}</script>">`,
  `<link rel=preload as=script href="data:,${P}" onload=${P}>`,
);
add('forms / formaction', H5SEC,
  `<form action="javascript:${P}"><input type=submit></form>`,
  `<form id=f></form><button form=f formaction="javascript:${P}">x</button>`,
  `<input type=image src=x onerror=${P}>`,
  `<button onclick=${P}>x</button>`,
  `<form><input name=attributes><input name=innerHTML value="<img src=x onerror=${P}>"></form>`,
);
add('CSS', OWASP,
  `<div style="width:expression(${P})">x</div>`,
  `<div style="background:url(javascript:${P})">x</div>`,
  `<style>@import 'javascript:${P}';</style>`,
  `<style>*{background:url("javascript:${P}")}</style>`,
  `<div style="behavior:url(x.htc)" onmouseover=${P}>x</div>`,
  `<div style="-moz-binding:url(x.xml#xss)" onclick=${P}>x</div>`,
  `<style>@keyframes x{}</style><div style="animation-name:x" onanimationstart=${P}></div>`,
  `x:expression(${P})`,
);
add('bidi / zero-width obfuscation', 'Trojan Source (CVE-2021-42574) + OWASP',
  `<scr\u200Bipt>${P}</scr\u200Bipt>`,
  `java\u200Bscript:${P}`,
  `\u202Ejavascript:${P}`,
  `<img src=x \u200Bonerror=${P}>`,
  `<img src=x on\u00ADerror=${P}>`,
  `\u2066<script>${P}</script>\u2069`,
  `\u202E>tpircs/<${P}>tpircs<\u202C<script>${P}</script>`,
  `\u061C<img src=x onerror=${P}>`,
  `<img src=x onerror=${P}>\uFEFF`,
  `<\u0000script>${P}</script>`,
);
add('DOM clobbering / misc', DP,
  `<img name=__pwned src=x onerror=${P}>`,
  `<a id=__pwned href="javascript:${P}">x</a>`,
  `<form name=trustedTypes><input name=createPolicy></form><img src=x onerror=${P}>`,
  `<object data="javascript:${P}"></object>`,
  `<embed src="javascript:${P}">`,
  `<applet code="javascript:${P}"></applet>`,
  `<frameset onload=${P}>`,
  `<video poster=javascript:${P}></video>`,
  `<img srcset="x 1x, javascript:${P} 2x">`,
  `<a href="https://example.com" ping="javascript:${P}">x</a>`,
  `<img src=x onerror=import('data:text/javascript,${P}')>`,
  `<portal src="javascript:${P}"></portal>`,
  `<img src=x onerror=setTimeout('${P}')>`,
);

const seen = new Set();
for (const { vector } of out) {
  if (seen.has(vector)) throw new Error(`duplicate vector: ${vector}`);
  seen.add(vector);
  if (!/__pwned/.test(vector) && !/PHNjcmlwdD53aW5kb3cuX19wd25lZD0x|d2luZG93Ll9fcHduZWQ9MQ/.test(vector) && !/evil\.example|unsafe-inline|<!--<script>$/.test(vector)) {
    throw new Error(`vector without a canary: ${vector}`);
  }
}
const fixture = {
  about:
    'Cross-site-scripting vectors for tests/xss.rs, tests/browser/xss.test.mjs and tests/edge/xss.test.mjs. ' +
    'Families from the OWASP XSS Filter Evasion Cheat Sheet, the HTML5 Security Cheatsheet (html5sec.org), ' +
    "PortSwigger's XSS cheat sheet, the DOMPurify test suite and html5lib-tests, written from memory; every " +
    'vector sets window.__pwned (or top.__pwned / parent.__pwned) if it runs. Generated by scripts/xss-vectors.mjs.',
  count: out.length,
  vectors: out,
};
writeFileSync(new URL('../tests/fixtures/xss-vectors.json', import.meta.url), JSON.stringify(fixture, null, 1) + '\n');
console.log(`${out.length} vectors`);
