// Types of the React wrapper of <cloneset-playground>.
import type { CSSProperties, ReactElement } from 'react';

export interface CloneSetPlaygroundProps {
  /** Where the element's module is served, resolved against the page (default /embed/cloneset-playground.js). */
  moduleUrl?: string;
  /** The CloneSet YAML to start with (applied at time 0). */
  yaml?: string;
  /** A same-origin URL of a YAML file, instead of `yaml`. */
  src?: string;
  /** A lesson of the course, by folder name (its start, editor text and goals). */
  lesson?: string;
  mode?: 'edit' | 'readonly' | 'guided';
  /** `auto` follows the page's <html lang>. */
  lang?: 'en' | 'zh' | 'auto';
  /** `auto` follows html[data-theme] (Docusaurus), live. */
  theme?: 'light' | 'dark' | 'auto';
  /** Pixels, or a CSS length such as "60vh". The server-rendered placeholder has this height too. */
  height?: number | string;
  /** Steps in the scenario format, played on the widget's timeline. */
  autoplay?: string;
  /** The speed autoplay plays at, 0.25–20 (default 4). */
  speed?: number;
  id?: string;
  className?: string;
  style?: CSSProperties;
}

export default function CloneSetPlayground(props: CloneSetPlaygroundProps): ReactElement;
