// Light or dark: the system's choice unless the learner picks one (kept in localStorage), shown
// through html[data-theme] so every page (and Docusaurus hosts) read the same switch.
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'cloneset-playground.theme';

function kept(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    if (v === 'light' || v === 'dark') return v;
  } catch {
    // storage blocked: follow the system
  }
  return 'system';
}

function systemDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

class ThemeState {
  choice = $state<ThemeChoice>(kept());
  #systemDark = $state(systemDark());
  /** The theme in effect. */
  effective = $derived<'light' | 'dark'>(this.choice === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.choice);

  constructor() {
    globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', (e) => (this.#systemDark = e.matches));
    this.#show();
  }

  /** Cycles system → the opposite of the system → its match → system. */
  toggle(): void {
    this.set(this.effective === 'dark' ? 'light' : 'dark');
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      if (choice === 'system') globalThis.localStorage?.removeItem(KEY);
      else globalThis.localStorage?.setItem(KEY, choice);
    } catch {
      // not kept
    }
    this.#show();
  }

  #show(): void {
    if (!globalThis.document) return;
    if (this.choice === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = this.choice;
  }
}

export const theme = new ThemeState();
