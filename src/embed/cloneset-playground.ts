// <cloneset-playground>: the embeddable playground (DESIGN.md "Embedding"). Its own shadow root
// holds the widget and its styles, so the page's CSS does not reach in and ours does not leak
// out; any number of them may share a page. Built by vite.embed.config.ts into
// dist/embed/cloneset-playground.js, with its stylesheet and lazily loaded chunks beside it.
import themeCss from '../ui/theme.css?inline';
import { OBSERVED_ATTRIBUTES, readAttributes } from './attributes';
import { mountWidget, type MountedWidget } from './mountWidget.svelte';

/** The stylesheet the build writes beside this module (every component's CSS, Monaco's too). */
const STYLESHEET = new URL(/* @vite-ignore */ './cloneset-playground.css', import.meta.url).href;

/** The site's colours, on the widget's root instead of the page's <html>; the page's inherited styles reset. */
const SHADOW_CSS = `
:host { all: initial; display: block; contain: layout paint; }
:host([hidden]) { display: none; }
/* the page may style the host element itself; what it sets there is not inherited further in */
.cp-mount { all: initial; display: block; }
${themeCss.replace(/:root/g, '.cp-root')}
`;

let shared: CSSStyleSheet | undefined;
function shadowSheet(): CSSStyleSheet {
  shared ??= new CSSStyleSheet();
  if (shared.cssRules.length === 0) shared.replaceSync(SHADOW_CSS);
  return shared;
}

let fontsShared = false;
/**
 * Browsers ignore @font-face inside a shadow root: the editor's icon font is declared once on the
 * document instead (a font declaration only: it styles nothing of the page).
 */
function shareFonts(sheet: CSSStyleSheet | null): void {
  if (fontsShared || !sheet) return;
  fontsShared = true;
  const fonts = new CSSStyleSheet();
  for (const rule of sheet.cssRules) if (rule instanceof CSSFontFaceRule) fonts.insertRule(rule.cssText, fonts.cssRules.length);
  if (fonts.cssRules.length > 0) document.adoptedStyleSheets = [...document.adoptedStyleSheets, fonts];
}

export class CloneSetPlaygroundElement extends HTMLElement {
  static observedAttributes = [...OBSERVED_ATTRIBUTES];
  #widget: MountedWidget | undefined;
  #queued = false;

  connectedCallback(): void {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (this.#widget) return;
    root.adoptedStyleSheets = [shadowSheet()];
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    const target = document.createElement('div');
    target.className = 'cp-mount';
    // Nothing shows unstyled: the widget appears once its stylesheet is in.
    target.style.visibility = 'hidden';
    const show = () => (target.style.visibility = '');
    link.addEventListener('load', () => {
      shareFonts(link.sheet);
      show();
    });
    link.addEventListener('error', show);
    root.replaceChildren(link, target);
    this.#widget = mountWidget(target, this.#attributes());
  }

  disconnectedCallback(): void {
    this.#widget?.destroy();
    this.#widget = undefined;
    this.shadowRoot?.replaceChildren();
  }

  attributeChangedCallback(): void {
    if (!this.#widget || this.#queued) return;
    // several attributes set in a row restart the widget once
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#widget?.update(this.#attributes());
    });
  }

  #attributes() {
    return readAttributes((name) => this.getAttribute(name));
  }
}

if (!customElements.get('cloneset-playground')) customElements.define('cloneset-playground', CloneSetPlaygroundElement);

declare global {
  interface HTMLElementTagNameMap {
    'cloneset-playground': CloneSetPlaygroundElement;
  }
}
