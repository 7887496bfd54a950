import { Fragment } from 'react';

/**
 * Renders a search highlight safely: everything is text except <em>…</em>, which becomes a <mark>.
 * No HTML from the server ever reaches the DOM as HTML.
 */
export function Highlight({ text }: { text: string | undefined | null }) {
  if (!text) return null;
  const parts = text.split(/(<em>[\s\S]*?<\/em>)/g);
  return (
    <>
      {parts.map((part, i) => {
        const m = /^<em>([\s\S]*?)<\/em>$/.exec(part);
        return m ? <mark key={i}>{decode(m[1] ?? '')}</mark> : <Fragment key={i}>{decode(part)}</Fragment>;
      })}
    </>
  );
}

/** Entities an engine may have escaped; decoded into plain text (React escapes it again on output). */
function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
