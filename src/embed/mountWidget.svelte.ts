// Mounts the widget with reactive props: the element hands in new attributes, the widget follows.
import { mount, unmount } from 'svelte';
import Widget from './Widget.svelte';
import type { WidgetAttributes } from './attributes';

export interface MountedWidget {
  update(attrs: WidgetAttributes): void;
  destroy(): void;
}

export function mountWidget(target: HTMLElement, attrs: WidgetAttributes): MountedWidget {
  const props = $state({ attrs });
  const app = mount(Widget, { target, props });
  return {
    update(next) {
      props.attrs = next;
    },
    destroy() {
      void unmount(app);
    },
  };
}
