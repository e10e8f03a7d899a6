/**
 * Hostile comment texts used by the rich-text unit tests and the browser test. Each one, if it
 * ever ran, would set `window.__xss = <n>`; the browser test asserts that flag stays unset.
 */
export const XSS_PAYLOADS: readonly string[] = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3"><script>window.__xss=3</script></svg>',
  '[click me](javascript:window.__xss=4)',
  'javascript:window.__xss=5',
  '[click](java\u200Bscript:window.__xss=6)',
  '[rtl](https://example.org/\u202Egnp.exe)',
  '<a href="javascript:window.__xss=7">x</a>',
  '<div style="background:url(javascript:window.__xss=8);width:expression(window.__xss=8)">css</div>',
  '<iframe srcdoc="<script>parent.__xss=9</script>"></iframe>',
  '"><img src=x onerror=window.__xss=10>',
  '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTE8L3NjcmlwdD4=)',
  '- <b onmouseover="window.__xss=12">list</b>\n- [v](vbscript:msgbox(12))',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=13></style></mglyph></table></mtext></math>',
  '[tab](jav\tascript:window.__xss=14)',
  '[ent](javascript&#58;window.__xss=15)',
  'https://example.org/"onmouseover="window.__xss=16',
  '<object data="javascript:window.__xss=17"></object><embed src="javascript:window.__xss=17">',
];
