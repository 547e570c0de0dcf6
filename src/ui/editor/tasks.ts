// Ways to give the main thread back to the page between steps of a long start (Monaco, xterm):
// each step then runs in a task of its own, and input and painting go first.

/** Resolves in a later task. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Resolves in a task after the next frame is drawn, when the page's layout is clean and reading
 * sizes costs little; in a tab that draws no frames (hidden), after `fallbackMs`.
 */
export function afterFrame(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });
}
