// The page language, kept in localStorage so a reload (or another page of the site) keeps it.
import { STRINGS, type Lang, type Strings } from './strings';

const KEY = 'cloneset-playground.lang';

function initialLang(): Lang {
  try {
    const kept = globalThis.localStorage?.getItem(KEY);
    if (kept === 'en' || kept === 'zh') return kept;
  } catch {
    // storage can be blocked; the browser's language decides then
  }
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

class LangState {
  current = $state<Lang>(initialLang());
  get t(): Strings {
    return STRINGS[this.current];
  }
  set(lang: Lang): void {
    this.current = lang;
    try {
      globalThis.localStorage?.setItem(KEY, lang);
    } catch {
      // not kept, but the switch still works for this page
    }
    if (globalThis.document) document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }
}

export const lang = new LangState();
if (globalThis.document) document.documentElement.lang = lang.current === 'zh' ? 'zh-CN' : 'en';
