// A thin React wrapper of <cloneset-playground> for Docusaurus MDX (DESIGN.md "Embedding").
// Safe to render on the server: until the browser has loaded the element it renders an empty
// box of the widget's height, so the page does not jump. It needs nothing but the host's React
// (createElement and two hooks), and loads the element's module only in the browser, with a
// module script the host's bundler never sees. The element itself follows html[data-theme]
// and the page's <html lang> (Docusaurus sets both), so theme and locale switches need nothing here.
import { createElement, useEffect, useState } from 'react';

const TAG = 'cloneset-playground';
/** One import per module URL, however many widgets a page has. */
const loading = new Map();

function loadElement(moduleUrl) {
  if (customElements.get(TAG)) return Promise.resolve();
  let p = loading.get(moduleUrl);
  if (!p) {
    // a module script, not import(): no bundler of the host's tries to follow it
    p = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.type = 'module';
      script.src = moduleUrl;
      script.addEventListener('error', () => reject(new Error('the module did not load')));
      document.head.appendChild(script);
      customElements.whenDefined(TAG).then(() => resolve());
    });
    loading.set(moduleUrl, p);
    p.catch(() => loading.delete(moduleUrl));
  }
  return p;
}

const cssHeight = (height) => (typeof height === 'number' ? `${height}px` : height);

const PLACEHOLDER_STYLE = {
  display: 'block',
  boxSizing: 'border-box',
  border: '1px solid var(--ifm-color-emphasis-300, #d9dee7)',
  borderRadius: 12,
  background: 'var(--ifm-background-surface-color, transparent)',
};

/**
 * @param {import('./CloneSetPlayground').CloneSetPlaygroundProps} props
 */
export default function CloneSetPlayground(props) {
  const { moduleUrl = '/embed/cloneset-playground.js', height = 560, id, className, style, yaml, src, lesson, mode, lang = 'auto', theme = 'auto', autoplay, speed } = props;
  const [ready, setReady] = useState(false);
  const [error, setError] = useState(null);

  useEffect(() => {
    let live = true;
    loadElement(moduleUrl).then(
      () => live && setReady(true),
      (e) => live && setError(`The playground could not be loaded from ${moduleUrl}: ${e && e.message ? e.message : e}`),
    );
    return () => {
      live = false;
    };
  }, [moduleUrl]);

  if (!ready) {
    return createElement(
      'div',
      { id, className, style: { ...PLACEHOLDER_STYLE, height: cssHeight(height), ...style }, 'data-cloneset-playground': error ? 'error' : 'loading', role: error ? 'alert' : undefined },
      error,
    );
  }
  const attributes = { yaml, src, lesson, mode, lang, theme, autoplay, height: String(height), speed: speed === undefined ? undefined : String(speed) };
  for (const key of Object.keys(attributes)) if (attributes[key] === undefined || attributes[key] === null) delete attributes[key];
  return createElement(TAG, { ...attributes, id, className, style });
}
